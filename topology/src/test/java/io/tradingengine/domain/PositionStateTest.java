package io.tradingengine.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PositionStateTest {

    @Test
    void shouldOpenALongAtTheFillPrice() {
        Netting netting = PositionState.FLAT.apply(Side.LONG, dec("2"), dec("100"), dec("0.2"));

        assertPosition(netting.position(), "2", "100", "0", "0.2");
        assertThat(netting.realizedPnl()).isEqualByComparingTo("0");
    }

    @Test
    void shouldAverageTheEntryWhenAddingToALong() {
        PositionState position = PositionState.FLAT.apply(Side.LONG, dec("2"), dec("100"), dec("0")).position();

        Netting netting = position.apply(Side.LONG, dec("1"), dec("130"), dec("0"));

        assertPosition(netting.position(), "3", "110", "0", "0");
    }

    @Test
    void shouldRealizePnlAgainstTheAverageEntryWhenPartlyReducingALong() {
        PositionState position = state("3", "110");

        Netting netting = position.apply(Side.SHORT, dec("1"), dec("120"), dec("0.12"));

        assertThat(netting.realizedPnl()).isEqualByComparingTo("10");
        assertPosition(netting.position(), "2", "110", "10", "0.12");
    }

    @Test
    void shouldGoFlatWithZeroEntryWhenClosing() {
        PositionState position = state("2", "110");

        Netting netting = position.apply(Side.SHORT, dec("2"), dec("100"), dec("0"));

        assertThat(netting.realizedPnl()).isEqualByComparingTo("-20");
        assertThat(netting.position().isFlat()).isTrue();
        assertPosition(netting.position(), "0", "0", "-20", "0");
    }

    @Test
    void shouldCloseAndReopenAtTheFillPriceWhenFlipping() {
        PositionState position = state("2", "100");

        Netting netting = position.apply(Side.SHORT, dec("5"), dec("90"), dec("0"));

        assertThat(netting.realizedPnl()).isEqualByComparingTo("-20");
        assertPosition(netting.position(), "-3", "90", "-20", "0");
    }

    @Test
    void shouldRealizeProfitWhenCoveringAShortBelowEntry() {
        PositionState position = PositionState.FLAT.apply(Side.SHORT, dec("2"), dec("100"), dec("0")).position();

        Netting netting = position.apply(Side.LONG, dec("1"), dec("80"), dec("0"));

        assertThat(netting.realizedPnl()).isEqualByComparingTo("20");
        assertPosition(netting.position(), "-1", "100", "20", "0");
    }

    @Test
    void shouldAverageAShortWhenAddingToIt() {
        PositionState position = state("-1", "100");

        Netting netting = position.apply(Side.SHORT, dec("3"), dec("80"), dec("0"));

        assertPosition(netting.position(), "-4", "85", "0", "0");
    }

    @Test
    void shouldRoundTheAverageEntryHalfEvenAtScaleEighteen() {
        PositionState position = state("1", "100");

        Netting netting = position.apply(Side.LONG, dec("2"), dec("100.01"), dec("0"));

        assertThat(netting.position().averageEntryPrice()).isEqualTo(Money.of("100.006666666666666667"));
        assertThat(netting.position().averageEntryPrice().scale()).isEqualTo(Money.SCALE);
    }

    @Test
    void shouldAccumulateRealizedPnlAndFeesAcrossFills() {
        PositionState position = PositionState.FLAT
                .apply(Side.LONG, dec("4"), dec("10"), dec("0.04")).position()
                .apply(Side.SHORT, dec("1"), dec("12"), dec("0.012")).position()
                .apply(Side.SHORT, dec("3"), dec("9"), dec("0.027")).position();

        assertPosition(position, "0", "0", "-1", "0.079");
    }

    private static PositionState state(String quantity, String entry) {
        return new PositionState(Money.of(quantity), Money.of(entry), Money.ZERO, Money.ZERO);
    }

    private static void assertPosition(PositionState position, String quantity, String entry, String realized,
                                       String fees) {
        assertThat(position.quantity()).isEqualTo(Money.of(quantity));
        assertThat(position.averageEntryPrice()).isEqualTo(Money.of(entry));
        assertThat(position.realizedPnl()).isEqualTo(Money.of(realized));
        assertThat(position.fees()).isEqualTo(Money.of(fees));
    }

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }
}
