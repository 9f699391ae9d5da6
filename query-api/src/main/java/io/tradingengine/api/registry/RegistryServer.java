package io.tradingengine.api.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.tradingengine.api.ApiConfig;
import io.tradingengine.api.auth.AccessGuard;
import io.tradingengine.api.auth.TokenVerifier;
import io.tradingengine.api.http.CorrelationIds;
import io.tradingengine.api.http.ErrorMapping;
import io.tradingengine.api.http.Json;
import io.tradingengine.schemas.registry.SchemaStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema registry alone on its own port (Confluent clients that expect a registry at the root of a host take
 * {@code http://host:port/registry}), with the same token checks, error bodies and schema browser as the main API.
 * {@link #create} builds it unstarted.
 */
public final class RegistryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryServer.class);

    private final Javalin app;

    private RegistryServer(Javalin app) {
        this.app = app;
    }

    /**
     * @param config the API settings: JWT secret and claims, and the largest request body
     */
    public static RegistryServer create(ApiConfig config, SchemaStore store, RegistrySettings settings) {
        ObjectMapper mapper = Json.mapper();
        RegistryController registry = new RegistryController(store, mapper, settings);
        AccessGuard guard = new AccessGuard(new TokenVerifier(config));
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.maxRequestSize = config.maxRequestBytes();
            cfg.jsonMapper(new JavalinJackson(mapper, false));
            cfg.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
            cfg.routes.before(ctx -> {
                ctx.header(CorrelationIds.HEADER, CorrelationIds.assign(ctx));
                ctx.header("Cache-Control", "no-store");
                ctx.header("X-Content-Type-Options", "nosniff");
            });
            cfg.routes.beforeMatched(guard::check);
            ErrorMapping.register(cfg.routes, config.retryAfterSeconds());
            RegistryRoutes.declare(cfg.routes, registry);
        });
        return new RegistryServer(app);
    }

    /** Serves on {@code port} (0 for any free port). */
    public RegistryServer start(int port) {
        app.start(port);
        LOG.info("Schema registry listening on port {}", app.port());
        return this;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
