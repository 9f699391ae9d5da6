package io.tradingengine.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tradingengine.api.ApiConfig;
import io.tradingengine.api.ApiServer;
import io.tradingengine.api.ApiServices;
import io.tradingengine.api.auth.Tokens;
import io.tradingengine.api.ops.HealthCheck;
import io.tradingengine.api.orders.OrderHistory;
import io.tradingengine.api.query.InstanceLocator;
import io.tradingengine.api.trades.TradeHistory;
import io.tradingengine.schemas.registry.InMemorySchemaStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import redis.clients.jedis.UnifiedJedis;

/**
 * A real API server on a free port over in-memory implementations of our own service interfaces, with a real HTTP
 * client.
 */
public final class TestApi implements AutoCloseable {

    public static final String SECRET = "test-secret-that-is-at-least-32-bytes-long!";

    public final InMemoryQueryService queries = new InMemoryQueryService();
    public final ScriptedCommandGateway commands = new ScriptedCommandGateway();
    public final InMemorySchemaStore schemas = new InMemorySchemaStore();
    public final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    public final AtomicReference<KafkaStreams.State> streamsState =
            new AtomicReference<>(KafkaStreams.State.RUNNING);

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ApiServer server;
    private final ApiConfig config;

    private TestApi(Builder builder) {
        this.config = builder.config;
        ApiServices services = new ApiServices(queries, commands, builder.trades, builder.orders,
                builder.registry ? schemas : null, meters, streamsState::get, builder.checks, builder.locator,
                builder.redis);
        this.server = ApiServer.create(config, services).start(builder.port);
    }

    /** Options of a test server; {@link #start()} starts it. */
    public static final class Builder {
        private ApiConfig config = ApiConfig.of(SECRET);
        private TradeHistory trades;
        private OrderHistory orders;
        private Map<String, HealthCheck> checks = Map.of();
        private boolean registry = true;
        private InstanceLocator locator;
        private UnifiedJedis redis;
        private int port;

        public Builder config(ApiConfig value) {
            this.config = value;
            return this;
        }

        public Builder trades(TradeHistory value) {
            this.trades = value;
            return this;
        }

        public Builder orders(OrderHistory value) {
            this.orders = value;
            return this;
        }

        public Builder checks(Map<String, HealthCheck> value) {
            this.checks = value;
            return this;
        }

        public Builder withoutRegistry() {
            this.registry = false;
            return this;
        }

        public Builder locator(InstanceLocator value) {
            this.locator = value;
            return this;
        }

        public Builder redis(UnifiedJedis value) {
            this.redis = value;
            return this;
        }

        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public TestApi start() {
            return new TestApi(this);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static TestApi start() {
        return builder().config(ApiConfig.of(SECRET).withOrderWaitTimeout(Duration.ofMillis(300))).start();
    }

    public static TestApi start(ApiConfig config) {
        return builder().config(config).start();
    }

    public static TestApi withTrades(TradeHistory trades) {
        return builder().trades(trades).start();
    }

    public static TestApi withHealthChecks(Map<String, HealthCheck> checks) {
        return builder().checks(checks).start();
    }

    public static TestApi withoutRegistry() {
        return builder().withoutRegistry().start();
    }

    public ApiConfig config() {
        return config;
    }

    public int port() {
        return server.port();
    }

    /** The routes the server registered ("METHOD path"). */
    public List<String> registeredRoutes() {
        return server.routes();
    }

    public static String token(String user, String... roles) {
        return Tokens.mint(SECRET, user, List.of(roles), Duration.ofMinutes(5));
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    public HttpResponse<String> get(String path, String token) {
        return send(request(path, token).GET());
    }

    public HttpResponse<String> post(String path, String token, String body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public HttpResponse<String> postWithKey(String path, String token, String key, String body) {
        return send(request(path, token).header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public JsonNode json(HttpResponse<String> response) {
        try {
            return mapper.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
