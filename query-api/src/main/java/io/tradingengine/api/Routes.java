package io.tradingengine.api;

import io.javalin.config.RoutesConfig;
import io.tradingengine.api.accounts.AccountController;
import io.tradingengine.api.auth.Role;
import io.tradingengine.api.market.MarketController;
import io.tradingengine.api.ops.OpsController;
import io.tradingengine.api.orders.OrderController;
import io.tradingengine.api.registry.RegistryController;
import io.tradingengine.api.trades.TradeController;

/**
 * Every route of the API, in one place (DESIGN.md, REST API), each with the roles allowed to call it. Controllers
 * only do HTTP; the access guard enforces the roles before any controller runs.
 */
final class Routes {

    private Routes() {
    }

    /**
     * @param registry the registry controller, or null to not serve {@code /registry}
     */
    static void declare(RoutesConfig routes, OpsController ops, AccountController accounts, OrderController orders,
                        MarketController markets, TradeController trades, RegistryController registry) {
        routes.get("/ready", ops::ready, Role.PUBLIC);
        routes.get("/health", ops::health, Role.PUBLIC);
        routes.get("/metrics", ops::metrics, Role.PUBLIC);

        routes.post("/assessments", accounts::create, Role.ADMIN);
        routes.get("/assessments/{assessmentId}", accounts::get, Role.TRADER, Role.ADMIN);
        routes.get("/positions", accounts::positions, Role.TRADER, Role.ADMIN);

        routes.post("/orders", orders::submit, Role.TRADER, Role.ADMIN);
        routes.get("/orders/{orderId}", orders::get, Role.TRADER, Role.ADMIN);

        routes.get("/trades", trades::list, Role.TRADER, Role.ADMIN);

        routes.get("/markets", markets::list, Role.ANY_USER);
        // <market> takes slashes, so BTC/USD works unencoded as well as BTC%2FUSD.
        routes.get("/prices/<market>", markets::price, Role.ANY_USER);

        if (registry != null) {
            routes.get("/registry/subjects", registry::subjects, Role.ANY_USER);
            routes.get("/registry/subjects/{subject}/versions", registry::versions, Role.ANY_USER);
            routes.get("/registry/subjects/{subject}/versions/{version}", registry::version, Role.ANY_USER);
            routes.get("/registry/subjects/{subject}/versions/{version}/schema", registry::versionSchema,
                    Role.ANY_USER);
            routes.post("/registry/subjects/{subject}/versions", registry::register, Role.ADMIN);
            routes.post("/registry/subjects/{subject}", registry::lookup, Role.ANY_USER);
            routes.get("/registry/schemas/ids/{id}", registry::schemaById, Role.ANY_USER);
            routes.get("/registry/schemas/ids/{id}/subjects", registry::subjectsOfId, Role.ANY_USER);
        }
    }
}
