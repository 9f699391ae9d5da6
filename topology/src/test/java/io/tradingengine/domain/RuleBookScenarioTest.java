package io.tradingengine.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The rule book, scenario by scenario, on a 100,000 account. */
class RuleBookScenarioTest {

    private static final Instant DAY_1 = Instant.parse("2025-03-03T12:00:00Z");
    private static final Instant DAY_2 = Instant.parse("2025-03-04T12:00:00Z");

    @Test
    void shouldKeepTheSameThresholdsWhenOnlyTheBalanceMoves() {
        Account account = account(rules("10", DrawdownMode.TRAILING, "5", "8"));
        RuleBook.Limits limits = RuleBook.limits(account);

        assertThat(limits).usingRecursiveComparison().withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(new RuleBook.Limits(Money.of("90000"), Money.of("95000"), Money.of("108000")));
        assertThat(limits.drawdownFloor()).isEqualByComparingTo(RuleBook.drawdownFloor(account));
        assertThat(RuleBook.limits(account.withBalance(Money.of("91234.5"), DAY_2))).isEqualTo(limits);
        assertThat(RuleBook.evaluate(account, limits, Money.of("94999")))
                .isEqualTo(RuleBook.evaluate(account, Money.of("94999")));
    }

    @Nested
    class StaticMaximumDrawdownOfTenPercent {

        private final Account account = account(rules("10", DrawdownMode.STATIC, null, null));

        @Test
        void shouldStayActiveWhenEquityLandsExactlyOnTheFloor() {
            assertThat(RuleBook.evaluate(account, Money.of("90000"))).isEmpty();
        }

        @Test
        void shouldFailWhenEquityFallsBelowStartingBalanceMinusTenPercent() {
            assertVerdict(RuleBook.evaluate(account, Money.of("89999.99")), Rule.MAX_DRAWDOWN,
                    AssessmentStatus.FAILED, "equity 89999.99 < static drawdown floor 90000.00");
        }

        @Test
        void shouldKeepTheFloorAtTheStartingBalanceAfterAProfitableDay() {
            Account afterGoodDay = DailyReset.reset(account, Money.of("120000"), DAY_2);

            assertThat(RuleBook.drawdownFloor(afterGoodDay)).isEqualTo(Money.of("90000"));
            assertThat(RuleBook.evaluate(afterGoodDay, Money.of("95000"))).isEmpty();
        }
    }

    @Nested
    class TrailingMaximumDrawdownOfTenPercent {

        private final Account account = account(rules("10", DrawdownMode.TRAILING, null, null));

        @Test
        void shouldRaiseTheFloorWithTheHighestEndOfDayEquity() {
            Account afterGoodDay = DailyReset.reset(account, Money.of("108000"), DAY_2);

            assertThat(RuleBook.drawdownFloor(afterGoodDay)).isEqualTo(Money.of("98000"));
            assertVerdict(RuleBook.evaluate(afterGoodDay, Money.of("97999.99")), Rule.MAX_DRAWDOWN,
                    AssessmentStatus.FAILED, "equity 97999.99 < trailing drawdown floor 98000.00");
        }

        @Test
        void shouldNeverLowerTheFloorAfterALosingDay() {
            Account afterGoodDay = DailyReset.reset(account, Money.of("108000"), DAY_1);
            Account afterBadDay = DailyReset.reset(afterGoodDay, Money.of("104000"), DAY_2);

            assertThat(afterBadDay.peakEquity()).isEqualTo(Money.of("108000"));
            assertThat(RuleBook.drawdownFloor(afterBadDay)).isEqualTo(Money.of("98000"));
        }

        @Test
        void shouldIgnoreIntradayHighsUntilTheDayCloses() {
            // Equity touched 115,000 during the day, but only end-of-day equity moves the peak.
            assertThat(RuleBook.evaluate(account, Money.of("99000"))).isEmpty();
            assertThat(RuleBook.drawdown(account, Money.of("99000"))).isEqualTo(Money.of("1000"));
        }
    }

    @Nested
    class DailyLossLimitOfFivePercent {

        private final Account account = account(rules(null, DrawdownMode.STATIC, "5", null));

        @Test
        void shouldStayActiveAtExactlyTheDailyLimit() {
            assertThat(RuleBook.evaluate(account, Money.of("95000"))).isEmpty();
        }

        @Test
        void shouldFailWhenTodaysLossExceedsFivePercentOfTheStartingBalance() {
            assertVerdict(RuleBook.evaluate(account, Money.of("94999.99")), Rule.DAILY_LOSS_LIMIT,
                    AssessmentStatus.FAILED, "equity 94999.99 < daily loss floor 95000.00 (day start 100000.00)");
        }

        @Test
        void shouldNotCountYesterdaysLossAgainstToday() {
            // Day 1 closes 4,000 down; day 2 loses another 4,000: 8,000 in total, but only 4,000 today.
            Account nextDay = DailyReset.reset(account, Money.of("96000"), DAY_2);

            assertThat(RuleBook.evaluate(nextDay, Money.of("92000"))).isEmpty();
            assertThat(RuleBook.dailyLoss(nextDay, Money.of("92000"))).isEqualTo(Money.of("4000"));
            assertThat(RuleBook.evaluate(nextDay, Money.of("90999.99")))
                    .map(RuleVerdict::rule).hasValue(Rule.DAILY_LOSS_LIMIT);
        }
    }

    @Nested
    class ProfitTargetOfEightPercent {

        private final Account account = account(rules(null, DrawdownMode.STATIC, null, "8"));

        @Test
        void shouldStayActiveJustBelowTheTarget() {
            assertThat(RuleBook.evaluate(account, Money.of("107999.99"))).isEmpty();
        }

        @Test
        void shouldPassWhenEquityReachesTheTarget() {
            assertVerdict(RuleBook.evaluate(account, Money.of("108000")), Rule.PROFIT_TARGET,
                    AssessmentStatus.PASSED, "equity 108000.00 >= profit target 108000.00");
        }
    }

    @Nested
    class FinalStatuses {

        private final Account account = account(rules("10", DrawdownMode.STATIC, "5", "8"));

        @Test
        void shouldReportTheDrawdownBreachBeforeTheDailyLoss() {
            assertThat(RuleBook.evaluate(account, Money.of("80000"))).map(RuleVerdict::rule)
                    .hasValue(Rule.MAX_DRAWDOWN);
        }

        @Test
        void shouldRecordTheRuleAsTheReasonWhenApplyingAVerdict() {
            RuleVerdict verdict = RuleBook.evaluate(account, Money.of("80000")).orElseThrow();

            Account failed = RuleBook.apply(account, verdict, DAY_1);

            assertThat(failed.status()).isEqualTo(AssessmentStatus.FAILED);
            assertThat(failed.reason()).isEqualTo("MAX_DRAWDOWN");
        }

        @Test
        void shouldNeverReevaluateAFailedOrPassedAssessment() {
            Account failed = account.withStatus(AssessmentStatus.FAILED, "MAX_DRAWDOWN", DAY_1);
            Account passed = account.withStatus(AssessmentStatus.PASSED, "PROFIT_TARGET", DAY_1);

            assertThat(RuleBook.evaluate(failed, Money.of("200000"))).isEmpty();
            assertThat(RuleBook.evaluate(passed, Money.of("1"))).isEmpty();
        }

        @Test
        void shouldLetAnAssessmentWithoutRulesRunForever() {
            Account free = account(Rules.none());

            assertThat(RuleBook.evaluate(free, Money.of("1"))).isEmpty();
            assertThat(RuleBook.evaluate(free, Money.of("1000000"))).isEmpty();
        }
    }

    private static Account account(Rules rules) {
        return Account.open("A1", "u1", new BigDecimal("100000"), rules, DAY_1);
    }

    private static Rules rules(String maxDrawdown, DrawdownMode mode, String dailyLoss, String profitTarget) {
        return new Rules(dec(maxDrawdown), mode, dec(dailyLoss), dec(profitTarget), null, null, null, null, null);
    }

    private static BigDecimal dec(String value) {
        return value == null ? null : new BigDecimal(value);
    }

    private static void assertVerdict(Optional<RuleVerdict> verdict, Rule rule, AssessmentStatus status,
                                      String detail) {
        assertThat(verdict).hasValue(new RuleVerdict(rule, status, detail));
    }
}
