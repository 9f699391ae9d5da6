package io.tradingengine.api.market;

import io.javalin.http.Context;
import io.tradingengine.api.http.ApiException;
import io.tradingengine.api.http.Ids;
import io.tradingengine.api.query.QueryService;
import java.util.List;
import java.util.Map;

/**
 * Reference data for any authenticated user: GET /markets and GET /prices/{market}. The market id may arrive with its
 * slash as is ({@code /prices/BTC/USD}) or encoded ({@code /prices/BTC%2FUSD}); the route takes both.
 */
public final class MarketController {

    private final QueryService queries;

    public MarketController(QueryService queries) {
        this.queries = queries;
    }

    /** GET /markets: {@code {markets: [...]}} ordered by id. */
    public void list(Context ctx) {
        List<MarketResponse> markets = queries.markets().stream().map(MarketResponse::of).toList();
        ctx.json(Map.of("markets", markets));
    }

    /** GET /prices/{market}. */
    public void price(Context ctx) {
        String market = Ids.market("market", ctx.pathParam("market"));
        ctx.json(queries.price(market)
                .map(PriceResponse::of)
                .orElseThrow(() -> ApiException.notFound("no price for market " + market)));
    }
}
