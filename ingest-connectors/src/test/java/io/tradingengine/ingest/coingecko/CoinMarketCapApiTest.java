package io.tradingengine.ingest.coingecko;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tradingengine.ingest.IngestSettings.CoinMapping;
import io.tradingengine.ingest.source.ErrorKind;
import io.tradingengine.ingest.source.Json;
import io.tradingengine.ingest.source.SourceException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoinMarketCapApiTest {

    private static final List<CoinMapping> BITCOIN = List.of(new CoinMapping("bitcoin", "BTC/USD"));

    @Test
    void shouldReadV2DataKeyedByNumericIdWhenAskedBySlug() {
        List<CryptoQuote> quotes = CoinMarketCapApi.parse(Json.parse(CryptoFakes.CMC_QUOTES),
                List.of(new CoinMapping("bitcoin", "BTC/USD"), new CoinMapping("ethereum", "ETH/USD")),
                ignored -> { });

        assertThat(quotes).extracting(CryptoQuote::market).containsExactly("BTC/USD", "ETH/USD");
        assertThat(quotes.get(0).price()).isEqualByComparingTo("66602.60701122");
        assertThat(quotes.get(0).updatedAt()).isEqualTo(Instant.parse("2024-07-19T10:26:00Z"));
    }

    @Test
    void shouldReadV2SymbolArraysWithANullErrorMessage() {
        String body = "{\"status\":{\"timestamp\":\"2022-06-16T07:11:29.938Z\",\"error_code\":0,\"error_message\":"
                + "null,\"elapsed\":15,\"credit_count\":1,\"notice\":null},\"data\":{\"BTC\":[{\"id\":1,\"name\":"
                + "\"Bitcoin\",\"symbol\":\"BTC\",\"slug\":\"bitcoin\",\"tags\":[{\"slug\":\"mineable\",\"name\":"
                + "\"Mineable\",\"category\":\"OTHERS\"}],\"quote\":{\"USD\":{\"price\":21871.88352845583,"
                + "\"last_updated\":\"2022-06-16T07:10:00.000Z\"}}}]}}";

        List<CryptoQuote> quotes = CoinMarketCapApi.parse(Json.parse(body), BITCOIN, ignored -> { });

        assertThat(quotes).singleElement().extracting(CryptoQuote::price).asString().isEqualTo("21871.88352845583");
    }

    @Test
    void shouldReadTheV3ArrayShapeWithItsQuoteArray() {
        String body = "{\"data\":[{\"id\":1,\"slug\":\"bitcoin\",\"symbol\":\"BTC\",\"quote\":[{\"id\":2781,"
                + "\"symbol\":\"USD\",\"price\":64000.5,\"last_updated\":\"2026-03-05T10:00:00.000Z\"}]}],"
                + "\"status\":{\"error_code\":\"0\",\"error_message\":\"\"}}";

        List<CryptoQuote> quotes = CoinMarketCapApi.parse(Json.parse(body), BITCOIN, ignored -> { });

        assertThat(quotes).singleElement().extracting(CryptoQuote::updatedAt)
                .isEqualTo(Instant.parse("2026-03-05T10:00:00Z"));
    }

    @Test
    void shouldTreatANonZeroStatusCodeAsAnErrorEvenWithData() {
        SourceException limited = error("{\"status\":{\"timestamp\":\"2018-06-02T22:51:28.209Z\",\"error_code\":1008,"
                + "\"error_message\":\"You've exceeded your API Key's HTTP request rate limit.\",\"elapsed\":10,"
                + "\"credit_count\":0}}");
        SourceException invalidKey = error("{\"status\":{\"error_code\":1001,\"error_message\":\"This API Key is "
                + "invalid.\"},\"data\":{}}");

        assertThat(limited.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(invalidKey.kind()).isEqualTo(ErrorKind.API_ERROR);
        assertThat(invalidKey.getMessage()).contains("1001").contains("invalid");
        assertThat(error("{\"status\":{\"error_code\":0}}").kind()).isEqualTo(ErrorKind.MALFORMED);
    }

    private static SourceException error(String body) {
        return catchThrowableOfType(SourceException.class,
                () -> CoinMarketCapApi.parse(Json.parse(body), BITCOIN, ignored -> { }));
    }
}
