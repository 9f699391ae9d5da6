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

    private TestApi(ApiConfig config, TradeHistory trades, Map<String, HealthCheck> checks, boolean registry) {
        this.config = config;
        ApiServices services = new ApiServices(queries, commands, trades, registry ? schemas : null, meters,
                streamsState::get, checks);
        this.server = ApiServer.create(config, services).start(0);
    }

    public static TestApi start() {
        return new TestApi(ApiConfig.of(SECRET).withOrderWaitTimeout(Duration.ofMillis(300)), null, Map.of(), true);
    }

    public static TestApi start(ApiConfig config) {
        return new TestApi(config, null, Map.of(), true);
    }

    public static TestApi withTrades(TradeHistory trades) {
        return new TestApi(ApiConfig.of(SECRET), trades, Map.of(), true);
    }

    public static TestApi withHealthChecks(Map<String, HealthCheck> checks) {
        return new TestApi(ApiConfig.of(SECRET), null, checks, true);
    }

    public static TestApi withoutRegistry() {
        return new TestApi(ApiConfig.of(SECRET), null, Map.of(), false);
    }

    public ApiConfig config() {
        return config;
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
