package io.tradingengine.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The rule book carried out, scenario by scenario, on a 100,000 account trading BTC/USD and a prediction market:
 * what a breach, a pass, a daily reset, a settlement and a cancellation do to the account and its positions.
 */
class RiskEngineScenarioTest {

    private static final Instant DAY_1 = Instant.parse("2025-03-03T12:00:00Z");
    private static final Instant DAY_2 = Instant.parse("2025-03-04T12:00:00Z");
    private static final String BTC = "BTC/USD";
    private static final String RAIN = "kalshi:RAIN";

    @Nested
    class StaticMaximumDrawdownOfTenPercent {

        private final Account account = account(rules("10", DrawdownMode.STATIC, null, null));

        @Test
        void shouldStayActiveWhileThePriceKeepsEquityOnTheFloor() {
            // 1 BTC bought at 50,000, marked at 40,000: equity exactly 90,000.
            Evaluation evaluation = RiskEngine.evaluate(account, List.of(btc("1", "50000", "40000")), DAY_1);

            assertThat(evaluation.hasVerdict()).isFalse();
            assertThat(evaluation.account()).isEqualTo(account);
            assertThat(evaluation.equity()).isEqualTo(Money.of("90000"));
        }

        @Test
        void shouldFailAndLiquidateAtTheBreachPriceWhenThePriceDropsOneCentTooFar() {
            Evaluation evaluation = RiskEngine.evaluate(account, List.of(btc("1", "50000", "39999.99")), DAY_1);

            assertThat(evaluation.isBreach()).isTrue();
            assertThat(evaluation.verdict().rule()).isEqualTo(Rule.MAX_DRAWDOWN);
            assertThat(evaluation.account().status()).isEqualTo(AssessmentStatus.FAILED);
            assertThat(evaluation.account().reason()).isEqualTo("MAX_DRAWDOWN");
            ClosingTrade liquidation = evaluation.liquidations().get(0);
            assertThat(liquidation.tradeId()).isEqualTo("L-A1/BTC/USD");
            assertThat(liquidation.kind()).isEqualTo(TradeKind.LIQUIDATION);
            assertThat(liquidation.side()).isEqualTo(Side.SHORT);
            assertThat(liquidation.quantity()).isEqualTo(Money.of("1"));
            assertThat(liquidation.price()).isEqualTo(Money.of("39999.99"));
            assertThat(liquidation.fee()).isEqualTo(Money.ZERO);
            assertThat(liquidation.realizedPnl()).isEqualTo(Money.of("-10000.01"));
            assertThat(liquidation.position().isFlat()).isTrue();
            // No slippage, no fee: the balance after the liquidation is the equity at the breach.
            assertThat(evaluation.account().balance()).isEqualTo(Money.of("89999.99"));
            assertThat(evaluation.equity()).isEqualTo(Money.of("89999.99"));
        }

        @Test
        void shouldCloseEveryOpenPositionAndLeaveFlatOnesAlone() {
            MarketPosition flat = new MarketPosition("ETH/USD", AssetClass.CRYPTO,
                    new PositionState(Money.ZERO, Money.ZERO, Money.of("12"), Money.of("3")), Money.of("3000"));
            MarketPosition unpriced = new MarketPosition(RAIN, AssetClass.PREDICTION,
                    new PositionState(Money.of("-100"), Money.of("0.4"), Money.ZERO, Money.ZERO), null);

            Evaluation evaluation = RiskEngine.evaluate(account, List.of(btc("1", "50000", "30000"), flat, unpriced),
                    DAY_1);

            assertThat(evaluation.liquidations()).extracting(ClosingTrade::market).containsExactly(BTC, RAIN);
            // A position without a price closes where it was valued: at its average entry.
            ClosingTrade rain = evaluation.liquidations().get(1);
            assertThat(rain.side()).isEqualTo(Side.LONG);
            assertThat(rain.price()).isEqualTo(Money.of("0.4"));
            assertThat(rain.realizedPnl()).isEqualTo(Money.ZERO);
        }
    }

    @Nested
    class TrailingMaximumDrawdownOfTenPercent {

        @Test
        void shouldMeasureFromTheHighestEndOfDayEquity() {
            Account afterGoodDay = DailyReset.reset(account(rules("10", DrawdownMode.TRAILING, null, null)),
                    Money.of("108000"), DAY_2);

            // Equity 97,999.99 is far above the starting floor (90,000) but below the trailing one (98,000).
            Evaluation evaluation = RiskEngine.evaluate(afterGoodDay, List.of(btc("1", "50000", "47999.99")), DAY_2);

            assertThat(evaluation.isBreach()).isTrue();
            assertThat(evaluation.verdict().detail()).isEqualTo("equity 97999.99 < trailing drawdown floor 98000.00");
        }
    }

    @Nested
    class DailyLossLimitOfFivePercent {

        private final Account account = account(rules(null, DrawdownMode.STATIC, "5", null));

        @Test
        void shouldFailWhenTodaysLossExceedsTheLimit() {
            Evaluation evaluation = RiskEngine.evaluate(account, List.of(btc("1", "50000", "44999.99")), DAY_1);

            assertThat(evaluation.verdict().rule()).isEqualTo(Rule.DAILY_LOSS_LIMIT);
            assertThat(evaluation.account().reason()).isEqualTo("DAILY_LOSS_LIMIT");
        }

        @Test
        void shouldNotCountYesterdaysLossAgainstToday() {
            // Day 1 closes 4,000 down; on day 2 the same position loses another 4,000.
            Evaluation dayOne = RiskEngine.evaluate(account, List.of(btc("1", "50000", "46000")), DAY_1);
            Account nextDay = DailyReset.reset(dayOne.account(), dayOne.equity(), DAY_2);

            Evaluation dayTwo = RiskEngine.evaluate(nextDay, List.of(btc("1", "50000", "42000")), DAY_2);

            assertThat(dayOne.hasVerdict()).isFalse();
            assertThat(dayTwo.hasVerdict()).isFalse();
            assertThat(RuleBook.dailyLoss(nextDay, dayTwo.equity())).isEqualTo(Money.of("4000"));
        }
    }

    @Nested
    class ProfitTargetOfEightPercent {

        @Test
        void shouldPassWithoutClosingAnything() {
            Account account = account(rules(null, DrawdownMode.STATIC, null, "8"));

            Evaluation evaluation = RiskEngine.evaluate(account, List.of(btc("1", "50000", "58000")), DAY_1);

            assertThat(evaluation.account().status()).isEqualTo(AssessmentStatus.PASSED);
            assertThat(evaluation.account().reason()).isEqualTo("PROFIT_TARGET");
            assertThat(evaluation.liquidations()).isEmpty();
            assertThat(evaluation.account().balance()).isEqualTo(Money.of("100000"));
        }

        @Test
        void shouldNeverChangeAnAssessmentThatHasEnded() {
            Account failed = account(rules("10", DrawdownMode.STATIC, null, null))
                    .withStatus(AssessmentStatus.FAILED, "MAX_DRAWDOWN", DAY_1);

            Evaluation evaluation = RiskEngine.evaluate(failed, List.of(btc("1", "50000", "1")), DAY_1);

            assertThat(evaluation.hasVerdict()).isFalse();
            assertThat(evaluation.liquidations()).isEmpty();
        }
    }

    @Nested
    class PredictionMarketsThatEnd {

        private final Account account = account(Rules.none());
        private final MarketPosition longRain = new MarketPosition(RAIN, AssetClass.PREDICTION,
                new PositionState(Money.of("100"), Money.of("0.6"), Money.ZERO, Money.of("0.12")), Money.of("0.7"));

        @Test
        void shouldSettleALongAtOneWhenTheMarketResolvesYes() {
            Settlement settlement = Settlement.resolve(account, longRain, true, DAY_1, DAY_2);

            assertThat(settlement.trade().tradeId()).isEqualTo("S-A1/kalshi:RAIN@" + DAY_1.toEpochMilli());
            assertThat(settlement.trade().kind()).isEqualTo(TradeKind.SETTLEMENT);
            assertThat(settlement.trade().price()).isEqualTo(Money.ONE);
            assertThat(settlement.trade().realizedPnl()).isEqualTo(Money.of("40"));
            assertThat(settlement.trade().fee()).isEqualTo(Money.ZERO);
            assertThat(settlement.trade().position().isFlat()).isTrue();
            assertThat(settlement.account().balance()).isEqualTo(Money.of("100040"));
        }

        @Test
        void shouldSettleALongAtZeroWhenTheMarketResolvesNo() {
            Settlement settlement = Settlement.resolve(account, longRain, false, DAY_1, DAY_2);

            assertThat(settlement.trade().price()).isEqualTo(Money.ZERO);
            assertThat(settlement.trade().realizedPnl()).isEqualTo(Money.of("-60"));
            assertThat(settlement.account().balance()).isEqualTo(Money.of("99940"));
        }

        @Test
        void shouldLoseOnAShortWhenTheMarketResolvesYes() {
            MarketPosition shortRain = longRain.withState(new PositionState(Money.of("-100"), Money.of("0.6"),
                    Money.ZERO, Money.ZERO));

            Settlement settlement = Settlement.resolve(account, shortRain, true, DAY_1, DAY_2);

            assertThat(settlement.trade().side()).isEqualTo(Side.LONG);
            assertThat(settlement.trade().realizedPnl()).isEqualTo(Money.of("-40"));
        }

        @Test
        void shouldVoidAtTheAverageEntryAndRefundTheFeesWhenTheMarketIsCancelled() {
            Settlement settlement = Settlement.cancel(account, longRain, DAY_1, DAY_2);

            assertThat(settlement.trade().tradeId()).isEqualTo("V-A1/kalshi:RAIN@" + DAY_1.toEpochMilli());
            assertThat(settlement.trade().kind()).isEqualTo(TradeKind.VOID);
            assertThat(settlement.trade().price()).isEqualTo(Money.of("0.6"));
            assertThat(settlement.trade().realizedPnl()).isEqualTo(Money.ZERO);
            assertThat(settlement.trade().fee()).isEqualTo(Money.of("-0.12"));
            assertThat(settlement.trade().position().fees()).isEqualTo(Money.ZERO);
            assertThat(settlement.account().balance()).isEqualTo(Money.of("100000.12"));
        }
    }

    private static MarketPosition btc(String quantity, String entry, String mark) {
        return new MarketPosition(BTC, AssetClass.CRYPTO,
                new PositionState(Money.of(quantity), Money.of(entry), Money.ZERO, Money.ZERO), Money.of(mark));
    }

    private static Account account(Rules rules) {
        return Account.open("A1", "u1", new BigDecimal("100000"), rules, DAY_1);
    }

    static Rules rules(String maxDrawdown, DrawdownMode mode, String dailyLoss, String profitTarget) {
        return new Rules(dec(maxDrawdown), mode, dec(dailyLoss), dec(profitTarget), null, null, null, null, null);
    }

    private static BigDecimal dec(String value) {
        return value == null ? null : new BigDecimal(value);
    }
}
