package io.tradingengine.ingest.polymarket;

/** Wire shapes of the Polymarket market channel and Gamma, as in the vendor's docs and SDK fixtures. */
final class PolymarketFixtures {

    static final String YES = "71321045679252212594626385532706912750332728571942532289631379312455583992563";
    static final String NO = "52114319501245915516055106046884209969926127482827954674443846427813813222426";
    static final String OTHER = "65818619657568813474341868652308942079804919287380422192892211131408793125422";
    static final String CONDITION = "0x5f65177b394277fd294cd75650044e32ba009a95022d88a0c1d565897d72f8f1";

    private PolymarketFixtures() {
    }

    static String book(String asset, String bids, String asks, long timestamp) {
        return "{\"event_type\":\"book\",\"asset_id\":\"" + asset + "\",\"market\":\"" + CONDITION + "\","
                + "\"bids\":" + bids + ",\"asks\":" + asks + ",\"timestamp\":\"" + timestamp + "\","
                + "\"hash\":\"0xabc123\"}";
    }

    /** The docs' book example, levels deliberately not sorted best-first. */
    static String docsBook(String asset) {
        return book(asset, "[{\"price\":\".48\",\"size\":\"30\"},{\"price\":\".49\",\"size\":\"20\"},"
                + "{\"price\":\".50\",\"size\":\"15\"}]", "[{\"price\":\".52\",\"size\":\"25\"},"
                + "{\"price\":\".53\",\"size\":\"60\"},{\"price\":\".54\",\"size\":\"10\"}]", 1757908892351L);
    }

    /** The current (post 2025-09-15) shape. */
    static String priceChange(String asset, String price, String size, String side, String bestBid,
            String bestAsk, long timestamp) {
        return "{\"event_type\":\"price_change\",\"market\":\"" + CONDITION + "\",\"price_changes\":[{"
                + "\"asset_id\":\"" + asset + "\",\"price\":\"" + price + "\",\"size\":\"" + size + "\","
                + "\"side\":\"" + side + "\",\"hash\":\"56621a121a47ed9333273e21c83b660cff37ae50\","
                + "\"best_bid\":\"" + bestBid + "\",\"best_ask\":\"" + bestAsk + "\"}],\"timestamp\":\"" + timestamp
                + "\"}";
    }

    /** The pre-2025-09-15 shape. */
    static String legacyPriceChange(String asset, String price, String size, String side, long timestamp) {
        return "{\"event_type\":\"price_change\",\"asset_id\":\"" + asset + "\",\"timestamp\":\"" + timestamp
                + "\",\"changes\":[{\"price\":\"" + price + "\",\"side\":\"" + side + "\",\"size\":\"" + size
                + "\"}]}";
    }

    static String bestBidAsk(String asset, String bid, String ask, long timestamp) {
        return "{\"event_type\":\"best_bid_ask\",\"market\":\"" + CONDITION + "\",\"asset_id\":\"" + asset + "\","
                + "\"best_bid\":\"" + bid + "\",\"best_ask\":\"" + ask + "\",\"spread\":\"0.04\",\"timestamp\":\""
                + timestamp + "\"}";
    }

    static String lastTrade(String asset, String price, long timestamp) {
        return "{\"event_type\":\"last_trade_price\",\"asset_id\":\"" + asset + "\",\"market\":\"" + CONDITION
                + "\",\"price\":\"" + price + "\",\"size\":\"219.217767\",\"fee_rate_bps\":\"0\",\"side\":\"BUY\","
                + "\"timestamp\":\"" + timestamp + "\",\"transaction_hash\":\"0xeeefffggghhh\"}";
    }

    static String resolved(String winner) {
        return "{\"id\":\"1031769\",\"question\":\"Will it happen?\",\"market\":\"" + CONDITION + "\","
                + "\"slug\":\"will-it-happen\",\"assets_ids\":[\"" + YES + "\",\"" + NO + "\"],"
                + "\"outcomes\":[\"Yes\",\"No\"],\"winning_asset_id\":\"" + winner + "\",\"winning_outcome\":\"Yes\","
                + "\"timestamp\":\"1766790415550\",\"event_type\":\"market_resolved\"}";
    }

    /** A Gamma {@code /markets} element with the JSON-string list fields. */
    static String gammaMarket(String id, String yes, String no, boolean closed, String umaStatus,
            String yesPrice, String noPrice) {
        return "{\"id\":\"" + id + "\",\"question\":\"Will it happen?\",\"conditionId\":\"" + CONDITION + "\","
                + "\"active\":true,\"closed\":" + closed + ",\"acceptingOrders\":" + !closed + ","
                + (umaStatus == null ? "" : "\"umaResolutionStatus\":\"" + umaStatus + "\",")
                + "\"umaResolutionStatuses\":\"[]\",\"outcomes\":\"[\\\"Yes\\\", \\\"No\\\"]\","
                + "\"outcomePrices\":\"[\\\"" + yesPrice + "\\\", \\\"" + noPrice + "\\\"]\","
                + "\"clobTokenIds\":\"[\\\"" + yes + "\\\", \\\"" + no + "\\\"]\",\"bestAsk\":1,\"spread\":1,"
                + "\"fee\":\"20000000000000000\"}";
    }
}
