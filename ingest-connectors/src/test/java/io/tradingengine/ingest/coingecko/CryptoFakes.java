package io.tradingengine.ingest.coingecko;

import io.tradingengine.ingest.IngestSettings;
import io.tradingengine.ingest.support.FakeHttpServer;
import io.tradingengine.ingest.support.FakeHttpServer.Response;
import io.tradingengine.ingest.support.TestSettings;
import java.util.HashMap;
import java.util.Map;

/** Coingecko and CoinMarketCap faked on loopback with their documented bodies. */
final class CryptoFakes implements AutoCloseable {

    static final String PRICE_PATH = "/api/v3/simple/price";
    static final String CMC_PATH = "/v2/cryptocurrency/quotes/latest";

    /** The OAS example, extended to a second coin. */
    static final String PRICES = "{\"bitcoin\":{\"usd\":76975,\"usd_market_cap\":1542226908349.8406,"
            + "\"usd_24h_vol\":29096603418.89408,\"usd_24h_change\":-1.4093297098441402,"
            + "\"last_updated_at\":1779092258},\"ethereum\":{\"usd\":2456.18,\"usd_24h_change\":null,"
            + "\"last_updated_at\":1779092250}}";

    static final String RATE_LIMITED = "{\"status\":{\"error_code\":429,\"error_message\":\"You've exceeded the Rate "
            + "Limit. Please visit https://www.coingecko.com/en/api/pricing to subscribe to our API plans for higher "
            + "rate limits.\"}}";

    /** A v2 answer by slug: data keyed by numeric id, as CoinMarketCap does. */
    static final String CMC_QUOTES = "{\"status\":{\"timestamp\":\"2024-07-19T10:27:30.125Z\",\"error_code\":0,"
            + "\"error_message\":\"\",\"elapsed\":10,\"credit_count\":1,\"notice\":\"\"},\"data\":{\"1\":{\"id\":1,"
            + "\"name\":\"Bitcoin\",\"symbol\":\"BTC\",\"slug\":\"bitcoin\",\"is_active\":1,\"last_updated\":"
            + "\"2024-07-19T10:26:00.000Z\",\"quote\":{\"USD\":{\"price\":66602.60701122,\"volume_24h\":"
            + "4314444687.5194,\"last_updated\":\"2024-07-19T10:26:00.000Z\"}}},\"1027\":{\"id\":1027,\"name\":"
            + "\"Ethereum\",\"symbol\":\"ETH\",\"slug\":\"ethereum\",\"quote\":{\"USD\":{\"price\":3450.5,"
            + "\"last_updated\":\"2024-07-19T10:26:00.000Z\"}}}}}";

    final FakeHttpServer coingecko = FakeHttpServer.start();
    final FakeHttpServer cmc = FakeHttpServer.start();
    volatile Response primary = Response.json(PRICES);
    volatile Response failover = Response.json(CMC_QUOTES);

    CryptoFakes() {
        coingecko.route(PRICE_PATH, request -> primary);
        cmc.route(CMC_PATH, request -> failover);
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>(TestSettings.fast());
        env.put(IngestSettings.COINGECKO_BASE_URL, coingecko.uri() + "/api/v3");
        env.put(IngestSettings.COINMARKETCAP_BASE_URL, cmc.uri().toString());
        env.put(IngestSettings.COINGECKO_IDS, "bitcoin:BTC/USD,ethereum:ETH/USD");
        return env;
    }

    @Override
    public void close() {
        coingecko.close();
        cmc.close();
    }
}
