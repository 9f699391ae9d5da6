package io.tradingengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingengine.api.support.Fixtures;
import io.tradingengine.api.support.TestApi;
import io.tradingengine.avro.AssetClass;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MarketRoutesTest {

    private TestApi api;
    private String anyUser;

    @BeforeEach
    void start() {
        api = TestApi.start();
        anyUser = TestApi.token("carol");
        api.queries.put(Fixtures.tick("BTC/USD", "65000.5", "65001.5", "65001"));
        api.queries.put(Fixtures.tick("kalshi:KXBTC-25", "0.41", "0.43", null));
        api.queries.put(Fixtures.market("BTC/USD", AssetClass.CRYPTO));
        api.queries.put(Fixtures.market("kalshi:KXBTC-25", AssetClass.PREDICTION));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void shouldReturnTheLatestTickWithTheSlashAsIs() {
        HttpResponse<String> response = api.get("/prices/BTC/USD", anyUser);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = api.json(response);
        assertThat(body.get("market").asText()).isEqualTo("BTC/USD");
        assertThat(body.get("source").asText()).isEqualTo("simulated");
        assertThat(body.get("bid").asText()).isEqualTo("65000.5");
        assertThat(body.get("ask").asText()).isEqualTo("65001.5");
        assertThat(body.get("last").asText()).isEqualTo("65001");
        assertThat(body.get("timestamp").asText()).isEqualTo("2025-01-02T03:04:05Z");
    }

    @Test
    void shouldReturnTheLatestTickWithTheSlashEncoded() {
        HttpResponse<String> response = api.get("/prices/BTC%2FUSD", anyUser);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(api.json(response).get("market").asText()).isEqualTo("BTC/USD");
    }

    @Test
    void shouldReturnAPredictionPriceWithNullLast() {
        JsonNode body = api.json(api.get("/prices/kalshi:KXBTC-25", anyUser));

        assertThat(body.get("bid").asText()).isEqualTo("0.41");
        assertThat(body.get("last").isNull()).isTrue();
    }

    @Test
    void shouldAnswer404ForAMarketWithoutPrice() {
        assertThat(api.get("/prices/DOGE/USD", anyUser).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldRequireAToken() {
        assertThat(api.get("/prices/BTC/USD", null).statusCode()).isEqualTo(401);
        assertThat(api.get("/markets", null).statusCode()).isEqualTo(401);
    }

    @Test
    void shouldListTheMarkets() {
        HttpResponse<String> response = api.get("/markets", anyUser);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode markets = api.json(response).get("markets");
        assertThat(markets).hasSize(2);
        assertThat(markets.get(0).get("market").asText()).isEqualTo("BTC/USD");
        assertThat(markets.get(0).get("assetClass").asText()).isEqualTo("CRYPTO");
        assertThat(markets.get(0).get("status").asText()).isEqualTo("OPEN");
        assertThat(markets.get(1).get("assetClass").asText()).isEqualTo("PREDICTION");
    }
}
