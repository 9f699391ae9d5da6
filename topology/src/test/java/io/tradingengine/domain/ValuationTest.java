package io.tradingengine.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValuationTest {

    @Test
    void shouldAddUnrealizedPnlOfEveryHoldingToTheBalance() {
        Holding longBtc = new Holding("BTC/USD", Money.of("0.5"), Money.of("60000"), Money.of("62000"));
        Holding shortEth = new Holding("ETH/USD", Money.of("-2"), Money.of("3000"), Money.of("3100"));

        Valuation valuation = Valuation.of(Money.of("10000"), List.of(longBtc, shortEth));

        assertThat(valuation.unrealizedPnl()).isEqualTo(Money.of("800"));
        assertThat(valuation.equity()).isEqualTo(Money.of("10800"));
        assertThat(valuation.grossNotional()).isEqualTo(Money.of("37200"));
    }

    @Test
    void shouldValueAHoldingWithoutMarkAtItsEntry() {
        Holding unpriced = new Holding("kalshi:X", Money.of("100"), Money.of("0.4"), null);

        Valuation valuation = Valuation.of(Money.of("1000"), List.of(unpriced));

        assertThat(valuation.unrealizedPnl()).isEqualTo(Money.ZERO);
        assertThat(valuation.equity()).isEqualTo(Money.of("1000"));
        assertThat(valuation.grossNotional()).isEqualTo(Money.of("40"));
    }

    @Test
    void shouldMarkAtMidOfBidAndAskElseLast() {
        assertThat(Valuation.mark(new BigDecimal("0.41"), new BigDecimal("0.43"), new BigDecimal("0.5")))
                .isEqualTo(Money.of("0.42"));
        assertThat(Valuation.mark(null, new BigDecimal("0.43"), new BigDecimal("0.5")))
                .isEqualByComparingTo("0.5");
        assertThat(Valuation.mark(null, null, null)).isNull();
    }

    @Test
    void shouldEqualTheBalanceWithoutHoldings() {
        assertThat(Valuation.of(new BigDecimal("25000"), List.of()).equity()).isEqualTo(Money.of("25000"));
    }
}
