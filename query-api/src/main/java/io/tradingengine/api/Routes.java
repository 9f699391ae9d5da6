package io.tradingengine.api;

import io.javalin.config.RoutesConfig;
import io.tradingengine.api.accounts.AccountController;
import io.tradingengine.api.auth.Role;
import io.tradingengine.api.market.MarketController;
import io.tradingengine.api.ops.ApiDocs;
import io.tradingengine.api.ops.OpsController;
import io.tradingengine.api.orders.OrderController;
import io.tradingengine.api.registry.RegistryController;
import io.tradingengine.api.topics.TopicController;
import io.tradingengine.api.registry.RegistryRoutes;
import io.tradingengine.api.trades.TradeController;

/**
 * Every route of the API, in one place (DESIGN.md, REST API), each with the roles allowed to call it. Controllers
 * only do HTTP; the access guard enforces the roles before any controller runs. The OpenAPI document
 * ({@code openapi.json}) describes exactly these routes; a test keeps the two in step.
 */
final class Routes {

    private Routes() {
    }

    /**
     * @param registry the registry controller, or null to not serve {@code /registry}
     * @param topics topic browsing (admin)
     */
    static void declare(RoutesConfig routes, OpsController ops, ApiDocs docs, AccountController accounts,
                        OrderController orders, MarketController markets, TradeController trades,
                        RegistryController registry, TopicController topics) {
        routes.get("/ready", ops::ready, Role.PUBLIC);
        routes.get("/health", ops::health, Role.PUBLIC);
        routes.get("/metrics", ops::metrics, Role.PUBLIC);
        routes.get("/openapi.json", docs::openApi, Role.PUBLIC);

        routes.post("/assessments", accounts::create, Role.ADMIN);
        routes.get("/assessments/{assessmentId}", accounts::get, Role.TRADER, Role.ADMIN);
        routes.get("/positions", accounts::positions, Role.TRADER, Role.ADMIN);

        routes.post("/orders", orders::submit, Role.TRADER, Role.ADMIN);
        routes.get("/orders", orders::list, Role.TRADER, Role.ADMIN);
        routes.get("/orders/{orderId}", orders::get, Role.TRADER, Role.ADMIN);

        routes.get("/trades", trades::list, Role.TRADER, Role.ADMIN);

        routes.get("/markets", markets::list, Role.ANY_USER);
        // <market> takes slashes, so BTC/USD works unencoded as well as BTC%2FUSD.
        routes.get("/prices/<market>", markets::price, Role.ANY_USER);

        routes.get("/topics", topics::list, Role.ADMIN);
        routes.get("/topics/{topic}/partitions/{partition}/records", topics::records, Role.ADMIN);
        routes.get("/topics/{topic}/offsets", topics::offsets, Role.ADMIN);

        if (registry != null) {
            RegistryRoutes.declare(routes, registry);
        }
    }
}
