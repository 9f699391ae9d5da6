package io.tradingengine.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.tradingengine.api.accounts.AccountController;
import io.tradingengine.api.auth.AccessGuard;
import io.tradingengine.api.auth.TokenVerifier;
import io.tradingengine.api.http.Await;
import io.tradingengine.api.http.CorrelationIds;
import io.tradingengine.api.http.ErrorMapping;
import io.tradingengine.api.http.HttpMetrics;
import io.tradingengine.api.http.Json;
import io.tradingengine.api.market.MarketController;
import io.tradingengine.api.ops.DatabaseHealthCheck;
import io.tradingengine.api.ops.HealthCheck;
import io.tradingengine.api.ops.OpsController;
import io.tradingengine.api.ops.RedisHealthCheck;
import io.tradingengine.api.orders.KafkaCommandGateway;
import io.tradingengine.api.orders.OrderController;
import io.tradingengine.api.query.StreamsQueryService;
import io.tradingengine.api.registry.RegistryController;
import io.tradingengine.api.trades.JdbcTradeHistory;
import io.tradingengine.api.trades.TradeController;
import io.tradingengine.api.trades.TradeHistory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The REST API server (Javalin 7). {@link #create} builds it without starting anything; {@link #start(int)} starts
 * the order-results listener and the HTTP server; {@link #close()} stops both and closes what the API created.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final Duration TRADES_QUERY_TIMEOUT = Duration.ofSeconds(5);

    private final Javalin app;
    private final List<Runnable> starters;
    private final List<AutoCloseable> owned;

    private ApiServer(Javalin app, List<Runnable> starters, List<AutoCloseable> owned) {
        this.app = app;
        this.starters = List.copyOf(starters);
        this.owned = List.copyOf(owned);
    }

    /** The API over the application's real parts: interactive queries, Kafka, the trades database, Redis. */
    public static ApiServer create(ApiDependencies deps) {
        ApiConfig config = deps.config();
        KafkaCommandGateway commands = KafkaCommandGateway.create(deps.topics(), deps.bootstrapServers(),
                config.orderWaitTimeout(), config.recentResultsCapacity(), deps.meters());
        TradeHistory trades = deps.tradesDb() == null ? null
                : new JdbcTradeHistory(deps.tradesDb(), TRADES_QUERY_TIMEOUT);
        Map<String, HealthCheck> checks = new LinkedHashMap<>();
        if (deps.tradesDb() != null) {
            checks.put("database", new DatabaseHealthCheck(deps.tradesDb()));
        }
        if (deps.redis() != null) {
            checks.put("redis", new RedisHealthCheck(deps.redis()));
        }
        checks.putAll(deps.healthChecks());
        ApiServices services = new ApiServices(new StreamsQueryService(deps.streams(), config.applicationHost()),
                commands, trades, deps.schemaStore(), deps.meters(), deps.streams()::state, checks);
        return build(config, services, List.of(commands::start), List.of(commands));
    }

    /** The API over the given services; nothing in {@code services} is started or closed by the server. */
    public static ApiServer create(ApiConfig config, ApiServices services) {
        return build(config, services, List.of(), List.of());
    }

    private static ApiServer build(ApiConfig config, ApiServices services, List<Runnable> starters,
                                   List<AutoCloseable> owned) {
        ObjectMapper mapper = Json.mapper();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "api-await");
            thread.setDaemon(true);
            return thread;
        });
        long retryAfter = Math.max(1, (config.retryAfter().toMillis() + 999) / 1000);
        Duration wait = config.orderWaitTimeout();
        OpsController ops = new OpsController(services.streamsState(), services.commands(), services.healthChecks(),
                services.meters(), retryAfter);
        AccountController accounts = new AccountController(services.queries(), services.commands(), mapper,
                new Await(scheduler), wait, retryAfter);
        OrderController orders = new OrderController(services.commands(), services.queries(), mapper,
                services.meters(), wait, retryAfter);
        MarketController markets = new MarketController(services.queries());
        TradeController trades = new TradeController(services.trades(), services.queries(), retryAfter);
        RegistryController registry = services.schemaStore() == null ? null
                : new RegistryController(services.schemaStore(), mapper);
        AccessGuard guard = new AccessGuard(new TokenVerifier(config));
        HttpMetrics httpMetrics = new HttpMetrics(services.meters());

        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.maxRequestSize = config.maxRequestBytes();
            cfg.http.prefer405over404 = true;
            cfg.jsonMapper(new JavalinJackson(mapper, false));
            cfg.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
            cfg.routes.before(ctx -> {
                String correlationId = CorrelationIds.assign(ctx);
                ctx.header(CorrelationIds.HEADER, correlationId);
                MDC.put(CorrelationIds.MDC_KEY, correlationId);
                httpMetrics.start(ctx);
            });
            cfg.routes.beforeMatched(guard::check);
            cfg.routes.after(ctx -> {
                httpMetrics.stop(ctx);
                MDC.remove(CorrelationIds.MDC_KEY);
            });
            ErrorMapping.register(cfg.routes, retryAfter);
            Routes.declare(cfg.routes, ops, accounts, orders, markets, trades, registry);
        });
        List<AutoCloseable> closeables = new ArrayList<>(owned);
        closeables.add(scheduler::shutdownNow);
        return new ApiServer(app, starters, closeables);
    }

    /** Starts the API's Kafka listener, then serves HTTP on {@code port} (0 for any free port). */
    public ApiServer start(int port) {
        starters.forEach(Runnable::run);
        app.start(port);
        LOG.info("REST API listening on port {}", app.port());
        return this;
    }

    /** The port the server listens on (after {@link #start(int)}). */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        for (AutoCloseable closeable : owned) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed", closeable, e);
            }
        }
    }
}
