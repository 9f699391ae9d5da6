package io.tradingengine.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class FillPricerTest {

    private final FillPricer pricer = new FillPricer(new CostSchedule(
            new ExecutionCosts(new BigDecimal("0.001"), new BigDecimal("0.001")),
            new ExecutionCosts(new BigDecimal("0.002"), new BigDecimal("0.002"))));

    @Test
    void shouldFillLongAtAskPlusSlippage() {
        Quote quote = new Quote(dec("64990"), dec("65010"), dec("65000"), null);

        BigDecimal price = pricer.fillPrice(Side.LONG, quote.reference(Side.LONG), AssetClass.CRYPTO);

        assertThat(price).isEqualTo(Money.of("65075.01"));
    }

    @Test
    void shouldFillShortAtBidMinusSlippage() {
        Quote quote = new Quote(dec("64990"), dec("65010"), dec("65000"), null);

        BigDecimal price = pricer.fillPrice(Side.SHORT, quote.reference(Side.SHORT), AssetClass.CRYPTO);

        assertThat(price).isEqualTo(Money.of("64925.01"));
    }

    @Test
    void shouldFallBackToLastWhenTheTouchIsMissing() {
        Quote onlyLast = new Quote(null, null, dec("100"), null);

        assertThat(onlyLast.reference(Side.LONG)).isEqualByComparingTo("100");
        assertThat(onlyLast.reference(Side.SHORT)).isEqualByComparingTo("100");
    }

    @Test
    void shouldTreatNonPositivePricesAsMissing() {
        Quote zeroBid = new Quote(BigDecimal.ZERO, dec("0.40"), dec("0.35"), null);

        assertThat(zeroBid.reference(Side.SHORT)).isEqualByComparingTo("0.35");
        assertThat(zeroBid.mark()).isEqualByComparingTo("0.35");
        assertThat(new Quote(null, null, null, null).reference(Side.LONG)).isNull();
    }

    @Test
    void shouldMarkAtMidElseLast() {
        assertThat(new Quote(dec("99"), dec("101"), dec("150"), null).mark()).isEqualTo(Money.of("100"));
        assertThat(new Quote(dec("99"), null, dec("150"), null).mark()).isEqualByComparingTo("150");
    }

    @Test
    void shouldChargeFeeOnTheFillNotional() {
        BigDecimal fee = pricer.fee(dec("0.5"), Money.of("65075.01"), AssetClass.CRYPTO);

        assertThat(fee).isEqualTo(Money.of("32.537505"));
    }

    @Test
    void shouldUsePredictionRatesForPredictionMarkets() {
        BigDecimal price = pricer.fillPrice(Side.LONG, dec("0.60"), AssetClass.PREDICTION);
        BigDecimal fee = pricer.fee(dec("100"), price, AssetClass.PREDICTION);

        assertThat(price).isEqualTo(Money.of("0.6012"));
        assertThat(fee).isEqualTo(Money.of("0.12024"));
    }

    @Test
    void shouldClampPredictionPricesStrictlyInsideZeroAndOne() {
        assertThat(pricer.fillPrice(Side.LONG, dec("0.999"), AssetClass.PREDICTION))
                .isEqualTo(FillPricer.PREDICTION_CEILING);
        assertThat(pricer.fillPrice(Side.SHORT, dec("0.00005"), AssetClass.PREDICTION))
                .isEqualTo(FillPricer.PREDICTION_FLOOR);
    }

    @Test
    void shouldNotClampCryptoPrices() {
        assertThat(pricer.fillPrice(Side.SHORT, dec("0.5"), AssetClass.CRYPTO)).isEqualTo(Money.of("0.4995"));
    }

    @Test
    void shouldRoundOnceHalfEvenAtScaleEighteen() {
        FillPricer costly = new FillPricer(new CostSchedule(
                new ExecutionCosts(new BigDecimal("0.0000000000000000005"), BigDecimal.ZERO),
                new ExecutionCosts(BigDecimal.ZERO, BigDecimal.ZERO)));

        // 1 x 1.0000000000000000005 is exactly half way: half-even rounds to the even neighbour.
        assertThat(costly.fillPrice(Side.LONG, BigDecimal.ONE, AssetClass.CRYPTO)).isEqualTo(Money.ONE);
        assertThat(costly.fillPrice(Side.LONG, new BigDecimal("3"), AssetClass.CRYPTO))
                .isEqualTo(Money.of("3.000000000000000002"));
    }

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }
}
