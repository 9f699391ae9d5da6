package io.tradingengine.ingest.contract;

import io.tradingengine.ingest.IngestSettings;
import io.tradingengine.ingest.MarketDataConnector;
import io.tradingengine.ingest.coingecko.CoingeckoConnector;
import io.tradingengine.ingest.support.FakeHttpServer;
import io.tradingengine.ingest.support.FakeHttpServer.Response;
import io.tradingengine.ingest.support.TestSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

class CoingeckoContractTest extends MarketDataConnectorContract {

    private static final String PRICES = "{\"bitcoin\":{\"usd\":76975,\"last_updated_at\":1779092258},"
            + "\"solana\":{\"usd\":\"171.4\",\"last_updated_at\":1779092250}}";

    private final FakeHttpServer coingecko = FakeHttpServer.start();
    private volatile Response answer = Response.json(PRICES);

    CoingeckoContractTest() {
        coingecko.route("/api/v3/simple/price", request -> answer);
    }

    @Override
    protected MarketDataConnector create(Duration maxTickAge) {
        Map<String, String> env = TestSettings.fast();
        env.put(IngestSettings.COINGECKO_BASE_URL, coingecko.uri() + "/api/v3");
        env.put(IngestSettings.COINGECKO_IDS, "bitcoin:BTC/USD,solana:SOL/USD");
        env.put(IngestSettings.FEED_MAX_TICK_AGE, maxTickAge.toMillis() + "ms");
        return new CoingeckoConnector(IngestSettings.fromEnvironment(env), published.publisher(), meters,
                Clock.systemUTC());
    }

    @Override
    protected String feed() {
        return "coingecko";
    }

    @Override
    protected Set<String> markets() {
        return Set.of("BTC/USD", "SOL/USD");
    }

    @Override
    protected void deliver() {
        answer = Response.json(PRICES);
    }

    @Override
    protected boolean deliverGarbage() {
        answer = Response.json("{\"bitcoin\":{\"usd\":");
        return true;
    }

    @Override
    protected boolean silence() {
        answer = Response.json(503, "{\"error\":\"Service Unavailable\"}");
        return true;
    }

    @Override
    protected void closeFakes() {
        coingecko.close();
    }
}
