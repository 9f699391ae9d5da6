package io.tradingengine.ingest.contract;

import io.tradingengine.ingest.IngestSettings;
import io.tradingengine.ingest.MarketDataConnector;
import io.tradingengine.ingest.polymarket.PolymarketConnector;
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

class PolymarketContractTest extends MarketDataConnectorContract {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String YES = "71321045679252212594626385532706912750332728571942532289631379312455583992563";
    private static final String NO = "52114319501245915516055106046884209969926127482827954674443846427813813222426";

    private final FakeWebSocketServer ws = FakeWebSocketServer.start();
    private final FakeHttpServer gamma = FakeHttpServer.start();
    private Connection connection;
    private int round;

    PolymarketContractTest() {
        gamma.route("/markets", request -> Response.json("[{\"id\":\"1\",\"question\":\"Q?\",\"active\":true,"
                + "\"closed\":false,\"acceptingOrders\":true,\"outcomes\":\"[\\\"Yes\\\",\\\"No\\\"]\","
                + "\"outcomePrices\":\"[\\\"0.5\\\",\\\"0.5\\\"]\",\"clobTokenIds\":\"[\\\"" + YES + "\\\",\\\"" + NO
                + "\\\"]\"}]"));
    }

    @Override
    protected MarketDataConnector create(Duration maxTickAge) {
        Map<String, String> env = TestSettings.fast();
        env.put(IngestSettings.POLYMARKET_WS_URL, ws.uri("/ws/market").toString());
        env.put(IngestSettings.POLYMARKET_GAMMA_URL, gamma.uri().toString());
        env.put(IngestSettings.POLYMARKET_TOKEN_IDS, YES + "," + NO);
        env.put(IngestSettings.FEED_MAX_TICK_AGE, maxTickAge.toMillis() + "ms");
        return new PolymarketConnector(IngestSettings.fromEnvironment(env), published.publisher(), meters,
                Clock.systemUTC());
    }

    @Override
    protected String feed() {
        return "polymarket";
    }

    @Override
    protected Set<String> markets() {
        return Set.of("polymarket:" + YES, "polymarket:" + NO);
    }

    @Override
    protected void deliver() {
        if (connection == null) {
            connection = ws.awaitConnection(WAIT);
            connection.awaitMessage(WAIT);
        }
        round++;
        String bid = String.format(Locale.ROOT, "0.%02d", 10 + round % 40);
        connection.send("[" + book(YES, bid) + "," + book(NO, bid) + "]");
    }

    @Override
    protected boolean deliverGarbage() {
        connection.send("[{\"event_type\":\"book\",\"asset_id\":\"" + YES + "\",\"bids\":17}]");
        return true;
    }

    @Override
    protected boolean silence() {
        return true;
    }

    @Override
    protected void closeFakes() {
        ws.close();
        gamma.close();
    }

    private static String book(String asset, String bid) {
        return "{\"event_type\":\"book\",\"asset_id\":\"" + asset + "\",\"market\":\"0x5f\",\"bids\":[{\"price\":\""
                + bid + "\",\"size\":\"10\"}],\"asks\":[{\"price\":\"0.90\",\"size\":\"10\"}],\"timestamp\":"
                + "\"1757908892351\",\"hash\":\"0xabc\"}";
    }
}
