package io.tradingengine.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An open (or flat) position with its current mark, the unit of valuation.
 *
 * @param market market id
 * @param quantity signed quantity
 * @param averageEntryPrice average entry of the open quantity
 * @param markPrice current mark (mid, else last), or null when the market has no price yet
 */
public record Holding(String market, BigDecimal quantity, BigDecimal averageEntryPrice, BigDecimal markPrice) {

    public Holding {
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(averageEntryPrice, "averageEntryPrice");
    }

    /**
     * quantity × (mark − average entry). Without a mark the position is valued at its entry, so its unrealized
     * P&L is 0 rather than unknown.
     */
    public BigDecimal unrealizedPnl() {
        return Money.of(unrealizedPnl(quantity, averageEntryPrice, markPrice));
    }

    /**
     * quantity × (mark − average entry), 0 without a mark: the one formula of unrealized P&L. A term of a sum
     * ({@link Money#times}): canonical only once the sum is.
     */
    public static BigDecimal unrealizedPnl(BigDecimal quantity, BigDecimal averageEntryPrice, BigDecimal markPrice) {
        if (markPrice == null || quantity.signum() == 0) {
            return Money.ZERO;
        }
        return Money.times(quantity, markPrice.subtract(averageEntryPrice));
    }

    /** |quantity| × mark, average entry without a mark: the one formula of notional, a term of a sum. */
    public static BigDecimal notional(BigDecimal quantity, BigDecimal averageEntryPrice, BigDecimal markPrice) {
        return Money.times(quantity.abs(), markPrice == null ? averageEntryPrice : markPrice);
    }
}
