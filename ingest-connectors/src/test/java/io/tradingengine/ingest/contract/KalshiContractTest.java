package io.tradingengine.ingest.contract;

import io.tradingengine.ingest.IngestSettings;
import io.tradingengine.ingest.MarketDataConnector;
import io.tradingengine.ingest.kalshi.KalshiConnector;
import io.tradingengine.ingest.support.FakeHttpServer;
import io.tradingengine.ingest.support.FakeHttpServer.Response;
import io.tradingengine.ingest.support.FakeWebSocketServer;
import io.tradingengine.ingest.support.FakeWebSocketServer.Connection;
import io.tradingengine.ingest.support.TestSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

class KalshiContractTest extends MarketDataConnectorContract {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final FakeWebSocketServer ws = FakeWebSocketServer.start();
    private final FakeHttpServer rest = FakeHttpServer.start();
    private Connection connection;
    private int round;

    KalshiContractTest() {
        rest.route("/trade-api/v2/markets", request -> Response.json("{\"cursor\":\"\",\"markets\":["
                + market("KXFED-27APR-T4.25") + "," + market("CPI-22DEC-TN0.1") + "]}"));
    }

    @Override
    protected MarketDataConnector create(Duration maxTickAge) {
        Map<String, String> env = TestSettings.fast();
        env.put(IngestSettings.KALSHI_WS_URL, ws.uri("/trade-api/ws/v2").toString());
        env.put(IngestSettings.KALSHI_REST_URL, rest.uri() + "/trade-api/v2");
        env.put(IngestSettings.KALSHI_TICKERS, "KXFED-27APR-T4.25,CPI-22DEC-TN0.1");
        env.put(IngestSettings.FEED_MAX_TICK_AGE, maxTickAge.toMillis() + "ms");
        return new KalshiConnector(IngestSettings.fromEnvironment(env), published.publisher(), meters,
                Clock.systemUTC());
    }

    @Override
    protected String feed() {
        return "kalshi";
    }

    @Override
    protected Set<String> markets() {
        return Set.of("kalshi:KXFED-27APR-T4.25", "kalshi:CPI-22DEC-TN0.1");
    }

    @Override
    protected void deliver() {
        if (connection == null) {
            connection = ws.awaitConnection(WAIT);
            for (int i = 1; i <= 3; i++) {
                connection.awaitMessage(WAIT);
                connection.send("{\"id\":" + i + ",\"type\":\"subscribed\",\"msg\":{\"channel\":\"x\",\"sid\":" + i
                        + "}}");
            }
        }
        round++;
        String bid = String.format(Locale.ROOT, "0.%02d00", 20 + round % 50);
        for (String ticker : new String[] {"KXFED-27APR-T4.25", "CPI-22DEC-TN0.1"}) {
            connection.send("{\"type\":\"ticker\",\"sid\":1,\"msg\":{\"market_ticker\":\"" + ticker + "\","
                    + "\"price_dollars\":\"0.7000\",\"yes_bid_dollars\":\"" + bid + "\",\"yes_ask_dollars\":"
                    + "\"0.8000\",\"ts\":1669149841,\"ts_ms\":1669149841000}}");
        }
    }

    @Override
    protected boolean deliverGarbage() {
        connection.send("{\"type\":\"ticker\",\"msg\":");
        return true;
    }

    @Override
    protected boolean silence() {
        return true;
    }

    @Override
    protected void closeFakes() {
        ws.close();
        rest.close();
    }

    private static String market(String ticker) {
        return "{\"ticker\":\"" + ticker + "\",\"status\":\"active\",\"result\":\"\",\"title\":\"" + ticker + "\","
                + "\"yes_bid_dollars\":\"0.2700\",\"yes_ask_dollars\":\"0.2800\",\"last_price_dollars\":\"0.2800\"}";
    }
}
