package io.tradingengine.ingest.kalshi;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingengine.ingest.IngestSettings;
import io.tradingengine.ingest.source.Json;
import io.tradingengine.ingest.support.FakeHttpServer;
import io.tradingengine.ingest.support.FakeHttpServer.Response;
import io.tradingengine.ingest.support.FakeWebSocketServer;
import io.tradingengine.ingest.support.FakeWebSocketServer.Connection;
import io.tradingengine.ingest.support.TestSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Kalshi's WebSocket and REST API faked on loopback, with the message shapes of Kalshi's AsyncAPI and OpenAPI. */
final class KalshiFakes implements AutoCloseable {

    static final String FED = "KXFED-27APR-T4.25";
    static final String CPI = "CPI-22DEC-TN0.1";
    static final Duration WAIT = Duration.ofSeconds(5);
    static final Map<String, Long> SIDS = Map.of("ticker", 1L, "orderbook_delta", 2L, "market_lifecycle_v2", 3L);

    final FakeWebSocketServer ws = FakeWebSocketServer.start();
    final FakeHttpServer rest = FakeHttpServer.start();
    /** The start-up listing; its prices are unlike any a WebSocket test sends, so awaits cannot mistake them. */
    volatile Response restAnswer = Response.json(markets(market(FED, "active", "", "0.0100", "0.9900", "0.5000"),
            market(CPI, "active", "", "0.0200", "0.9800", "0.5000")));

    KalshiFakes() {
        rest.route("/trade-api/v2/markets", request -> restAnswer);
    }

    /** Settings pointing at the fakes, tracking both tickers. */
    Map<String, String> env() {
        Map<String, String> env = new HashMap<>(TestSettings.fast());
        env.put(IngestSettings.KALSHI_WS_URL, ws.uri("/trade-api/ws/v2").toString());
        env.put(IngestSettings.KALSHI_REST_URL, rest.uri() + "/trade-api/v2");
        env.put(IngestSettings.KALSHI_TICKERS, FED + "," + CPI);
        return env;
    }

    int restPolls() {
        return rest.count("/trade-api/v2/markets");
    }

    /** Waits for a connection, reads its three subscribe commands and acknowledges each with its sid. */
    Connection acceptAndAck() {
        Connection connection = ws.awaitConnection(WAIT);
        for (int i = 0; i < 3; i++) {
            JsonNode command = Json.parse(connection.awaitMessage(WAIT));
            String channel = command.path("params").path("channels").get(0).asText();
            connection.send("{\"id\":" + command.path("id").asLong() + ",\"type\":\"subscribed\",\"msg\":"
                    + "{\"channel\":\"" + channel + "\",\"sid\":" + SIDS.get(channel) + "}}");
        }
        return connection;
    }

    @Override
    public void close() {
        ws.close();
        rest.close();
    }

    static String ticker(String market, String bid, String ask, String price, long tsMillis) {
        return "{\"type\":\"ticker\",\"sid\":1,\"msg\":{\"market_id\":\"9b0f6b43-5b68-4f9f-9f02-9a2d1b8ac1a1\","
                + "\"market_ticker\":\"" + market + "\",\"price_dollars\":\"" + price + "\",\"yes_bid_dollars\":\""
                + bid + "\",\"yes_ask_dollars\":\"" + ask + "\",\"volume_fp\":\"33896.00\",\"open_interest_fp\":"
                + "\"20422.00\",\"dollar_volume\":16948,\"dollar_open_interest\":10211,\"yes_bid_size_fp\":"
                + "\"300.00\",\"yes_ask_size_fp\":\"150.00\",\"last_trade_size_fp\":\"25.00\",\"ts\":"
                + tsMillis / 1000 + ",\"ts_ms\":" + tsMillis + ",\"time\":\"2022-11-22T20:44:01Z\"}}";
    }

    /** The 2024 production shape: integer cents (no dollar fields) and seconds. */
    static String legacyTicker(String market, int bidCents, int askCents, int priceCents, long tsSeconds) {
        return "{\"type\":\"ticker\",\"sid\":1,\"msg\":{\"market_id\":\"2ee24704-7e13-4248-97f5-3b7ffabf4325\","
                + "\"market_ticker\":\"" + market + "\",\"price\":" + priceCents + ",\"yes_bid\":" + bidCents
                + ",\"yes_ask\":" + askCents + ",\"volume\":351970,\"open_interest\":182646,\"dollar_volume\":"
                + "175985,\"dollar_open_interest\":91323,\"ts\":" + tsSeconds + ",\"Clock\":6598272994}}";
    }

    static String snapshot(long seq, String market, String yes, String no) {
        return "{\"type\":\"orderbook_snapshot\",\"sid\":2,\"seq\":" + seq + ",\"msg\":{\"market_ticker\":\""
                + market + "\",\"market_id\":\"9b0f6b43-5b68-4f9f-9f02-9a2d1b8ac1a1\",\"yes_dollars_fp\":" + yes
                + ",\"no_dollars_fp\":" + no + "}}";
    }

    static String delta(long seq, String market, String price, String delta, String side, long tsMillis) {
        return "{\"type\":\"orderbook_delta\",\"sid\":2,\"seq\":" + seq + ",\"msg\":{\"market_ticker\":\"" + market
                + "\",\"market_id\":\"9b0f6b43-5b68-4f9f-9f02-9a2d1b8ac1a1\",\"price_dollars\":\"" + price
                + "\",\"delta_fp\":\"" + delta + "\",\"side\":\"" + side + "\",\"ts\":\"2022-11-22T20:44:01Z\","
                + "\"ts_ms\":" + tsMillis + "}}";
    }

    static String legacySnapshot(long seq, String market, String yes, String no) {
        return "{\"type\":\"orderbook_snapshot\",\"sid\":2,\"seq\":" + seq + ",\"msg\":{\"market_ticker\":\""
                + market + "\",\"yes\":" + yes + ",\"no\":" + no + "}}";
    }

    static String legacyDelta(long seq, String market, int priceCents, int delta, String side) {
        return "{\"type\":\"orderbook_delta\",\"sid\":2,\"seq\":" + seq + ",\"msg\":{\"market_ticker\":\"" + market
                + "\",\"price\":" + priceCents + ",\"delta\":" + delta + ",\"side\":\"" + side + "\"}}";
    }

    static String determined(long seq, String market, String result) {
        return "{\"type\":\"market_lifecycle_v2\",\"sid\":3,\"seq\":" + seq + ",\"msg\":{\"market_ticker\":\""
                + market + "\",\"event_type\":\"determined\",\"result\":\"" + result + "\",\"settlement_value\":"
                + "\"1.0000\",\"determination_ts\":1669149841}}";
    }

    static String error(long id, int code, String message) {
        return "{\"id\":" + id + ",\"type\":\"error\",\"msg\":{\"code\":" + code + ",\"msg\":\"" + message + "\"}}";
    }

    /** A REST {@code Market} with the current required fields (rules text abridged). */
    static String market(String ticker, String status, String result, String bid, String ask, String last) {
        return "{\"can_close_early\":true,\"close_time\":\"2027-04-28T17:55:00Z\",\"created_time\":"
                + "\"2025-10-06T19:22:55.893694Z\",\"event_ticker\":\"KXFED-27APR\",\"expiration_value\":\"\","
                + "\"last_price_dollars\":\"" + last + "\",\"liquidity_dollars\":\"0.0000\",\"market_type\":\"binary\","
                + "\"no_ask_dollars\":\"0.7300\",\"no_bid_dollars\":\"0.7200\",\"no_sub_title\":\"Above 4.25%\","
                + "\"notional_value_dollars\":\"1.0000\",\"open_interest_fp\":\"2020.47\",\"open_time\":"
                + "\"2025-10-13T14:00:00Z\",\"previous_price_dollars\":\"0.2800\",\"price_level_structure\":"
                + "\"linear_cent\",\"price_ranges\":[{\"start\":\"0.0000\",\"end\":\"1.0000\",\"step\":\"0.0100\"}],"
                + "\"result\":\"" + result + "\",\"rules_primary\":\"...\",\"settlement_timer_seconds\":300,"
                + "\"status\":\"" + status + "\",\"ticker\":\"" + ticker + "\",\"title\":\"Title of " + ticker + "\","
                + "\"updated_time\":\"2026-04-09T14:07:28.591885Z\",\"volume_fp\":\"10155.43\","
                + "\"yes_ask_dollars\":\"" + ask + "\",\"yes_ask_size_fp\":\"20.00\",\"yes_bid_dollars\":\"" + bid
                + "\",\"yes_bid_size_fp\":\"31.54\",\"yes_sub_title\":\"Above 4.25%\"}";
    }

    static String markets(String... markets) {
        return "{\"cursor\":\"\",\"markets\":[" + String.join(",", markets) + "]}";
    }
}
