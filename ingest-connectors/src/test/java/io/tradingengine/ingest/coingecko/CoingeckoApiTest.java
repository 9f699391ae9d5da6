package io.tradingengine.ingest.coingecko;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tradingengine.ingest.IngestSettings.CoinMapping;
import io.tradingengine.ingest.source.ErrorKind;
import io.tradingengine.ingest.source.Json;
import io.tradingengine.ingest.source.SourceException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoingeckoApiTest {

    private static final List<CoinMapping> COINS = List.of(new CoinMapping("bitcoin", "BTC/USD"),
            new CoinMapping("ethereum", "ETH/USD"));

    @Test
    void shouldReadTheDocumentedSimplePriceAnswerWithExactDecimals() {
        List<String> missing = new ArrayList<>();

        List<CryptoQuote> quotes = CoingeckoApi.parse(Json.parse(CryptoFakes.PRICES), COINS, missing::add);

        assertThat(quotes).containsExactly(
                new CryptoQuote("BTC/USD", new BigDecimal("76975"), Instant.ofEpochSecond(1779092258L)),
                new CryptoQuote("ETH/USD", new BigDecimal("2456.18"), Instant.ofEpochSecond(1779092250L)));
        assertThat(missing).isEmpty();
    }

    @Test
    void shouldReportAnIdMissingFromTheAnswer() {
        List<String> missing = new ArrayList<>();

        List<CryptoQuote> quotes = CoingeckoApi.parse(Json.parse("{\"bitcoin\":{\"usd\":1.5}}"), COINS,
                missing::add);

        assertThat(quotes).extracting(CryptoQuote::market).containsExactly("BTC/USD");
        assertThat(quotes.get(0).updatedAt()).isNull();
        assertThat(missing).singleElement().asString().contains("ethereum");
    }

    @Test
    void shouldTreatEachErrorBodyShapeAsAnError() {
        assertThat(error(CryptoFakes.RATE_LIMITED).kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(error("{\"error\":{\"status\":{\"error_code\":10002,\"error_message\":\"API Key Missing\"}}}")
                .kind()).isEqualTo(ErrorKind.API_ERROR);
        assertThat(error("{\"timestamp\":\"2025-09-01T13:07:05.880+00:00\",\"error_code\":10011,\"status\":"
                + "{\"error_message\":\"If you are using Demo API key, please change your root URL\"}}").getMessage())
                .contains("10011");
        assertThat(error("{\"error\":\"Missing parameter vs_currencies\"}").getMessage())
                .contains("Missing parameter");
        assertThat(error("[]").kind()).isEqualTo(ErrorKind.MALFORMED);
    }

    private static SourceException error(String body) {
        return catchThrowableOfType(SourceException.class,
                () -> CoingeckoApi.parse(Json.parse(body), COINS, ignored -> { }));
    }
}
