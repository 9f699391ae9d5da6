package io.tradingengine.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The assessment rules on equity (DESIGN.md, Assessments), each optional; all amounts are percentages of the
 * starting balance.
 *
 * <ul>
 *   <li><b>Maximum drawdown, static</b>: equity must not fall below starting balance − max drawdown.</li>
 *   <li><b>Maximum drawdown, trailing</b>: equity must not fall below peak equity − max drawdown, the peak being
 *       the highest end-of-day equity (it never decreases, so neither does the floor).</li>
 *   <li><b>Daily loss limit</b>: equity must not fall below the equity at the last daily reset − daily loss limit,
 *       so a loss on one day does not count against the next.</li>
 *   <li><b>Profit target</b>: equity at or above starting balance + profit target passes the assessment.</li>
 * </ul>
 *
 * <p>Landing exactly on a floor is allowed; going below it is a breach. A breach is checked before the target, the
 * drawdown before the daily loss. Only an ACTIVE assessment is evaluated: FAILED and PASSED are final.
 */
public final class RuleBook {

    private RuleBook() {
    }

    /**
     * The equity thresholds of an account's rules, each null when its rule is not set. They depend on the starting
     * balance, the rules, the peak and the day-start equity, not on the balance, so one computation serves every
     * check of an order (before the fill, the fill, after the fill). Thresholds to compare equity against, exact but
     * not brought to canonical form ({@link Money#times}); {@link #drawdownFloor} and the others give the same
     * numbers canonically.
     *
     * @param drawdownFloor {@link #drawdownFloor}
     * @param dailyLossFloor {@link #dailyLossFloor}
     * @param profitTarget {@link #profitTarget}
     */
    public record Limits(BigDecimal drawdownFloor, BigDecimal dailyLossFloor, BigDecimal profitTarget) {
    }

    /** The thresholds of the account's rules. */
    public static Limits limits(Account account) {
        return new Limits(exactDrawdownFloor(account), exactDailyLossFloor(account), exactProfitTarget(account));
    }

    /** The rule that ends the assessment at this equity, if any. */
    public static Optional<RuleVerdict> evaluate(Account account, BigDecimal equity) {
        if (!account.isActive()) {
            return Optional.empty();
        }
        return evaluate(account, limits(account), equity);
    }

    /**
     * The rule that ends the assessment at this equity, if any, against thresholds computed before by
     * {@link #limits} for this account (or one that differs from it only in balance and status).
     */
    public static Optional<RuleVerdict> evaluate(Account account, Limits limits, BigDecimal equity) {
        if (!account.isActive()) {
            return Optional.empty();
        }
        BigDecimal drawdownFloor = limits.drawdownFloor();
        if (drawdownFloor != null && equity.compareTo(drawdownFloor) < 0) {
            return Optional.of(new RuleVerdict(Rule.MAX_DRAWDOWN, AssessmentStatus.FAILED, "equity "
                    + Money.amount(equity) + " < " + account.rules().drawdownMode().name().toLowerCase(Locale.ROOT)
                    + " drawdown floor " + Money.amount(drawdownFloor)));
        }
        BigDecimal dailyFloor = limits.dailyLossFloor();
        if (dailyFloor != null && equity.compareTo(dailyFloor) < 0) {
            return Optional.of(new RuleVerdict(Rule.DAILY_LOSS_LIMIT, AssessmentStatus.FAILED, "equity "
                    + Money.amount(equity) + " < daily loss floor " + Money.amount(dailyFloor) + " (day start "
                    + Money.amount(account.dayStartEquity()) + ")"));
        }
        BigDecimal target = limits.profitTarget();
        if (target != null && equity.compareTo(target) >= 0) {
            return Optional.of(new RuleVerdict(Rule.PROFIT_TARGET, AssessmentStatus.PASSED, "equity "
                    + Money.amount(equity) + " >= profit target " + Money.amount(target)));
        }
        return Optional.empty();
    }

    /** The account after the verdict: status and reason (the rule's name) set. */
    public static Account apply(Account account, RuleVerdict verdict, Instant at) {
        return account.withStatus(verdict.status(), verdict.rule().name(), at);
    }

    /** The lowest equity the drawdown rule allows, or null when there is no such rule. */
    public static BigDecimal drawdownFloor(Account account) {
        return Money.of(exactDrawdownFloor(account));
    }

    private static BigDecimal exactDrawdownFloor(Account account) {
        BigDecimal percent = account.rules().maxDrawdownPercent();
        if (percent == null) {
            return null;
        }
        return drawdownReference(account).subtract(percentOfStart(account, percent));
    }

    /** The lowest equity the daily loss rule allows today, or null when there is no such rule. */
    public static BigDecimal dailyLossFloor(Account account) {
        return Money.of(exactDailyLossFloor(account));
    }

    private static BigDecimal exactDailyLossFloor(Account account) {
        BigDecimal percent = account.rules().dailyLossPercent();
        if (percent == null) {
            return null;
        }
        return account.dayStartEquity().subtract(percentOfStart(account, percent));
    }

    /** The equity that passes the assessment, or null when there is no target. */
    public static BigDecimal profitTarget(Account account) {
        return Money.of(exactProfitTarget(account));
    }

    private static BigDecimal exactProfitTarget(Account account) {
        BigDecimal percent = account.rules().profitTargetPercent();
        if (percent == null) {
            return null;
        }
        return account.startingBalance().add(percentOfStart(account, percent));
    }

    /** How far equity is below the drawdown reference (starting balance, or peak when trailing), never negative. */
    public static BigDecimal drawdown(Account account, BigDecimal equity) {
        return Money.of(drawdownReference(account).subtract(equity).max(Money.ZERO));
    }

    /** How far equity is below the equity at the last daily reset, never negative. */
    public static BigDecimal dailyLoss(Account account, BigDecimal equity) {
        return Money.of(account.dayStartEquity().subtract(equity).max(Money.ZERO));
    }

    private static BigDecimal drawdownReference(Account account) {
        return account.rules().drawdownMode() == DrawdownMode.TRAILING
                ? account.peakEquity()
                : account.startingBalance();
    }

    private static BigDecimal percentOfStart(Account account, BigDecimal percent) {
        return Money.percentOf(account.startingBalance(), percent);
    }
}
