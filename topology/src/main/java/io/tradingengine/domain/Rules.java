package io.tradingengine.domain;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The rules of an assessment (DESIGN.md, Assessments). Every limit is optional: null means "not enforced".
 * Percentages are plain percent numbers ({@code 10} = 10 %): drawdown, daily loss and profit target of the
 * starting balance; order and position notional of equity. {@code maxLeverage} null means 1.
 *
 * @param maxDrawdownPercent maximum drawdown, percent of the starting balance
 * @param drawdownMode static or trailing floor (never null; STATIC when not given)
 * @param dailyLossPercent daily loss limit, percent of the starting balance, from the equity at the daily reset
 * @param profitTargetPercent profit target, percent of the starting balance
 * @param maxOrderNotionalPercent largest order notional, percent of equity
 * @param maxPositionNotionalPercent largest position notional, percent of equity
 * @param maxLeverage gross notional allowed per unit of equity
 * @param dailyResetTime local time of the daily reset (00:00 when not given)
 * @param dailyResetZone zone of the daily reset (UTC when not given)
 */
public record Rules(BigDecimal maxDrawdownPercent, DrawdownMode drawdownMode, BigDecimal dailyLossPercent,
                    BigDecimal profitTargetPercent, BigDecimal maxOrderNotionalPercent,
                    BigDecimal maxPositionNotionalPercent, BigDecimal maxLeverage, LocalTime dailyResetTime,
                    ZoneId dailyResetZone) {

    public Rules {
        drawdownMode = drawdownMode == null ? DrawdownMode.STATIC : drawdownMode;
        dailyResetTime = dailyResetTime == null ? LocalTime.MIDNIGHT : dailyResetTime;
        dailyResetZone = dailyResetZone == null ? ZoneOffset.UTC : dailyResetZone;
        requireNonNegative("maxDrawdownPercent", maxDrawdownPercent);
        requireNonNegative("dailyLossPercent", dailyLossPercent);
        requireNonNegative("profitTargetPercent", profitTargetPercent);
        requireNonNegative("maxOrderNotionalPercent", maxOrderNotionalPercent);
        requireNonNegative("maxPositionNotionalPercent", maxPositionNotionalPercent);
        if (maxLeverage != null && maxLeverage.signum() <= 0) {
            throw new IllegalArgumentException("maxLeverage must be > 0, was " + maxLeverage.toPlainString());
        }
    }

    /** No limits at all, leverage 1, daily reset at 00:00 UTC. */
    public static Rules none() {
        return new Rules(null, DrawdownMode.STATIC, null, null, null, null, null, null, null);
    }

    /** The leverage in force: {@code maxLeverage}, or 1 when not given. */
    public BigDecimal effectiveLeverage() {
        return maxLeverage == null ? BigDecimal.ONE : maxLeverage;
    }

    private static void requireNonNegative(String name, BigDecimal value) {
        if (value != null && value.signum() < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value.toPlainString());
        }
    }
}
