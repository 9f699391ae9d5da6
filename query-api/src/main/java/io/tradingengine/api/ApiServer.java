package io.tradingengine.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import io.javalin.router.ParsedEndpoint;
import io.tradingengine.api.accounts.AccountController;
import io.tradingengine.api.accounts.AssessmentOwners;
import io.tradingengine.api.auth.AccessGuard;
import io.tradingengine.api.auth.TokenVerifier;
import io.tradingengine.api.history.HistoryPages;
import io.tradingengine.api.http.Await;
import io.tradingengine.api.http.CorrelationIds;
import io.tradingengine.api.http.ErrorMapping;
import io.tradingengine.api.http.Forwarder;
import io.tradingengine.api.http.HttpMetrics;
import io.tradingengine.api.http.Json;
import io.tradingengine.api.market.MarketController;
import io.tradingengine.api.ops.ApiDocs;
import io.tradingengine.api.ops.DatabaseHealthCheck;
import io.tradingengine.api.ops.HealthCheck;
import io.tradingengine.api.ops.KafkaHealthCheck;
import io.tradingengine.api.ops.OpsController;
import io.tradingengine.api.ops.RedisHealthCheck;
import io.tradingengine.api.orders.IdempotencyStore;
import io.tradingengine.api.orders.JdbcOrderHistory;
import io.tradingengine.api.orders.KafkaCommandGateway;
import io.tradingengine.api.orders.OrderController;
import io.tradingengine.api.orders.OrderHistory;
import io.tradingengine.api.orders.OrderIntake;
import io.tradingengine.api.orders.OrderLookup;
import io.tradingengine.api.orders.OrderRateLimiter;
import io.tradingengine.api.query.RoutedReads;
import io.tradingengine.api.query.StreamsInstanceLocator;
import io.tradingengine.api.query.StreamsQueryService;
import io.tradingengine.api.redis.GuardedRedis;
import io.tradingengine.api.registry.RegistryController;
import io.tradingengine.api.registry.RegistrySettings;
import io.tradingengine.api.topics.TopicBrowser;
import io.tradingengine.api.topics.TopicController;
import io.tradingengine.api.trades.JdbcTradeHistory;
import io.tradingengine.api.trades.TradeController;
import io.tradingengine.api.trades.TradeHistory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    private static final Duration DATABASE_QUERY_TIMEOUT = Duration.ofSeconds(5);
    /** Owners of assessments do not change; a minute of caching spares order intake a store read per order. */
    private static final Duration OWNER_CACHE_TTL = Duration.ofMinutes(1);
    private static final Set<HandlerType> HTTP_METHODS = Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.PATCH, HandlerType.DELETE);

    private final Javalin app;
    private final List<Runnable> starters;
    private final List<AutoCloseable> owned;

    private ApiServer(Javalin app, List<Runnable> starters, List<AutoCloseable> owned) {
        this.app = app;
        this.starters = List.copyOf(starters);
        this.owned = List.copyOf(owned);
    }

    /** The API over the application's real parts: interactive queries, Kafka, the database, Redis. */
    public static ApiServer create(ApiDependencies deps) {
        ApiConfig config = deps.config();
        List<AutoCloseable> owned = new ArrayList<>();
        try {
            return create(deps, config, owned);
        } catch (RuntimeException e) {
            closeAll(owned);
            throw e;
        }
    }

    private static ApiServer create(ApiDependencies deps, ApiConfig config, List<AutoCloseable> owned) {
        KafkaCommandGateway commands = KafkaCommandGateway.create(deps.topics(), deps.bootstrapServers(),
                config.orderWaitTimeout(), config.recentResultsCapacity(), deps.meters());
        owned.add(commands);
        StreamsQueryService queries = new StreamsQueryService(deps.streams(), config.applicationHost());
        owned.add(queries);
        KafkaHealthCheck kafka = KafkaHealthCheck.create(deps.bootstrapServers());
        owned.add(kafka);
        TradeHistory trades = deps.tradesDb() == null ? null
                : new JdbcTradeHistory(deps.tradesDb(), DATABASE_QUERY_TIMEOUT);
        OrderHistory orders = deps.tradesDb() == null ? null
                : new JdbcOrderHistory(deps.tradesDb(), DATABASE_QUERY_TIMEOUT);
        Map<String, HealthCheck> checks = new LinkedHashMap<>();
        checks.put("kafka", kafka);
        if (deps.tradesDb() != null) {
            checks.put("database", new DatabaseHealthCheck(deps.tradesDb()));
        }
        if (deps.redis() != null) {
            checks.put("redis", new RedisHealthCheck(deps.redis()));
        }
        checks.putAll(deps.healthChecks());
        ApiServices services = new ApiServices(queries, commands, trades, orders, deps.schemaStore(), deps.meters(),
                deps.streams()::state, checks, new StreamsInstanceLocator(deps.streams(), config.applicationHost()),
                deps.redis());
        TopicBrowser browser = new TopicBrowser(deps.bootstrapServers(), deps.topics().registry());
        owned.add(browser);
        return build(config, services, browser, List.of(commands::start), owned);
    }

    /** The API over the given services; nothing in {@code services} is started or closed by the server. */
    public static ApiServer create(ApiConfig config, ApiServices services) {
        return build(config, services, null, List.of(), List.of());
    }

    private static ApiServer build(ApiConfig config, ApiServices services, TopicBrowser browser,
                                   List<Runnable> starters,
                                   List<AutoCloseable> owned) {
        ObjectMapper mapper = Json.mapper();
        Clock clock = Clock.systemUTC();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "api-await");
            thread.setDaemon(true);
            return thread;
        });
        long retryAfter = config.retryAfterSeconds();
        Duration wait = config.orderWaitTimeout();

        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(services.meters());
        GuardedRedis redis = services.redis() == null ? null : new GuardedRedis(services.redis(), breakers);
        Forwarder forwarder = new Forwarder(config.forwardTimeout(), config.applicationServer());
        RoutedReads reads = new RoutedReads(services.locator(), forwarder, config.maxStandbyLag(), services.meters());
        AssessmentOwners owners = new AssessmentOwners(reads, services.queries(), mapper, OWNER_CACHE_TTL);
        HistoryPages pages = new HistoryPages(owners);

        OpsController ops = new OpsController(services.streamsState(), services.queries(), services.commands(),
                services.healthChecks(), services.meters(), retryAfter);
        AccountController accounts = new AccountController(services.queries(), reads, services.commands(), mapper,
                new Await(scheduler), wait, retryAfter, clock);
        OrderIntake intake = new OrderIntake(services.commands(), services.queries(), owners,
                new IdempotencyStore(redis, config.idempotencyTtl()),
                new OrderRateLimiter(redis, config.orderRatePerSecond(), config.orderBurst()), mapper,
                services.meters(), wait, retryAfter, clock);
        OrderLookup lookup = new OrderLookup(services.commands(), services.queries(), reads, services.locator(),
                forwarder, services.orders(), retryAfter);
        OrderController orders = new OrderController(intake, lookup, services.orders(), pages, mapper, clock,
                retryAfter);
        MarketController markets = new MarketController(services.queries());
        TradeController trades = new TradeController(services.trades(), pages, retryAfter);
        RegistryController registry = services.schemaStore() == null ? null
                : new RegistryController(services.schemaStore(), mapper,
                        config.registryOpenReads() ? RegistrySettings.open() : RegistrySettings.secured());
        AccessGuard guard = new AccessGuard(new TokenVerifier(config));
        HttpMetrics httpMetrics = new HttpMetrics(services.meters());
        ApiDocs docs = new ApiDocs();

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
                // Answers are per caller and may hold account data: never cached, never content-sniffed.
                ctx.header("Cache-Control", "no-store");
                ctx.header("X-Content-Type-Options", "nosniff");
                MDC.put(CorrelationIds.MDC_KEY, correlationId);
                httpMetrics.start(ctx);
            });
            cfg.routes.beforeMatched(guard::check);
            cfg.routes.after(ctx -> {
                httpMetrics.stop(ctx);
                MDC.remove(CorrelationIds.MDC_KEY);
            });
            ErrorMapping.register(cfg.routes, retryAfter);
            Routes.declare(cfg.routes, ops, docs, accounts, orders, markets, trades, registry,
                    new TopicController(browser, retryAfter));
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

    /** Every HTTP route the server registered, as "METHOD path" with Javalin's path syntax (for docs and tests). */
    public List<String> routes() {
        List<String> routes = new ArrayList<>();
        for (ParsedEndpoint parsed : app.unsafe.internalRouter.allHttpHandlers()) {
            if (HTTP_METHODS.contains(parsed.endpoint.method)) {
                routes.add(parsed.endpoint.method.name() + " " + parsed.endpoint.path);
            }
        }
        return routes;
    }

    @Override
    public void close() {
        app.stop();
        closeAll(owned);
    }

    private static void closeAll(List<AutoCloseable> closeables) {
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed", closeable, e);
            }
        }
    }
}
