package io.tradingengine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingengine.avro.AssetClass;
import io.tradingengine.avro.PriceTick;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TickValidatorTest {

    @Test
    void shouldAcceptAnOrdinaryCryptoTick() {
        assertThat(TickValidator.check(tick("BTC/USD", "64999.5", "65000.5", "65000"), AssetClass.CRYPTO)).isEmpty();
    }

    @Test
    void shouldAcceptATickWithOnlyALastPrice() {
        assertThat(TickValidator.check(tick("BTC/USD", null, null, "65000"), AssetClass.CRYPTO)).isEmpty();
    }

    @Test
    void shouldAcceptABidEqualToTheAsk() {
        assertThat(TickValidator.check(tick("BTC/USD", "65000", "65000", null), AssetClass.CRYPTO)).isEmpty();
    }

    @Test
    void shouldRejectATickWithoutAnyPrice() {
        assertThat(TickValidator.check(tick("BTC/USD", null, null, null), AssetClass.CRYPTO))
                .contains(TickRejection.NO_PRICE);
    }

    @Test
    void shouldRejectAZeroOrNegativePrice() {
        assertThat(TickValidator.check(tick("BTC/USD", "0", "1", "1"), AssetClass.CRYPTO))
                .contains(TickRejection.NON_POSITIVE_PRICE);
        assertThat(TickValidator.check(tick("BTC/USD", null, null, "-3"), AssetClass.CRYPTO))
                .contains(TickRejection.NON_POSITIVE_PRICE);
    }

    @Test
    void shouldRejectACrossedBook() {
        assertThat(TickValidator.check(tick("BTC/USD", "65001", "65000", null), AssetClass.CRYPTO))
                .contains(TickRejection.CROSSED_BOOK);
    }

    @Test
    void shouldRejectAPredictionPriceAboveOne() {
        assertThat(TickValidator.check(tick("kalshi:X", "0.5", "1.01", null), AssetClass.PREDICTION))
                .contains(TickRejection.PREDICTION_PRICE_ABOVE_ONE);
    }

    @Test
    void shouldAcceptAPredictionPriceOfExactlyOne() {
        assertThat(TickValidator.check(tick("kalshi:X", "0.99", "1", null), AssetClass.PREDICTION)).isEmpty();
    }

    @Test
    void shouldAcceptACryptoPriceAboveOne() {
        assertThat(TickValidator.check(tick("SOL/USD", "150", "150.1", null), AssetClass.CRYPTO)).isEmpty();
    }

    @Test
    void shouldRejectAMissingMarketOrSource() {
        PriceTick noMarket = tick("BTC/USD", null, null, "1");
        noMarket.setMarket(" ");
        PriceTick noSource = tick("BTC/USD", null, null, "1");
        noSource.setSource("");

        assertThat(TickValidator.check(noMarket, AssetClass.CRYPTO)).contains(TickRejection.MISSING_MARKET);
        assertThat(TickValidator.check(noSource, AssetClass.CRYPTO)).contains(TickRejection.MISSING_SOURCE);
    }

    static PriceTick tick(String market, String bid, String ask, String last) {
        return PriceTick.newBuilder()
                .setMarket(market)
                .setSource("test")
                .setBid(bid == null ? null : new BigDecimal(bid))
                .setAsk(ask == null ? null : new BigDecimal(ask))
                .setLast(last == null ? null : new BigDecimal(last))
                .setTimestamp(Instant.parse("2025-03-01T12:00:00Z"))
                .build();
    }
}
