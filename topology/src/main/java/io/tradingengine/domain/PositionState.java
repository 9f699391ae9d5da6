package io.tradingengine.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A netting position of one assessment in one market: signed quantity (long &gt; 0, short &lt; 0), average entry
 * price of the open quantity, and the realized P&L and fees accumulated in this market. A flat position has
 * quantity 0 and average entry 0 and keeps its realized P&L and fees.
 *
 * @param quantity signed open quantity
 * @param averageEntryPrice average price of the open quantity (0 when flat)
 * @param realizedPnl realized P&L accumulated in this market, fees not included
 * @param fees fees paid in this market
 */
public record PositionState(BigDecimal quantity, BigDecimal averageEntryPrice, BigDecimal realizedPnl,
                            BigDecimal fees) {

    /** No position and no history. */
    public static final PositionState FLAT = new PositionState(Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO);

    /** Every value is kept in {@link Money}'s canonical form, whoever builds the state. */
    public PositionState {
        quantity = Money.of(Objects.requireNonNull(quantity, "quantity"));
        averageEntryPrice = Money.of(Objects.requireNonNull(averageEntryPrice, "averageEntryPrice"));
        realizedPnl = Money.of(Objects.requireNonNull(realizedPnl, "realizedPnl"));
        fees = Money.of(Objects.requireNonNull(fees, "fees"));
    }

    public boolean isFlat() {
        return quantity.signum() == 0;
    }

    /**
     * The position after a fill of {@code quantity} (positive) on {@code side} at {@code price} with {@code fee}.
     *
     * <ul>
     *   <li>opening or adding: the average entry becomes the quantity-weighted average of old entry and fill
     *       price; nothing is realized;</li>
     *   <li>reducing or closing: the closed quantity realizes (fill − entry) per unit for a long, (entry − fill)
     *       for a short; the average entry of what remains is unchanged (0 when flat);</li>
     *   <li>flipping: the whole old position is closed as above and the excess opens at the fill price.</li>
     * </ul>
     */
    public Netting apply(Side side, BigDecimal fillQuantity, BigDecimal price, BigDecimal fee) {
        BigDecimal delta = side.signed(fillQuantity);
        BigDecimal newQuantity = quantity.add(delta);
        BigDecimal realized = Money.ZERO;
        BigDecimal newEntry;
        if (quantity.signum() == 0 || quantity.signum() == delta.signum()) {
            BigDecimal cost = quantity.abs().multiply(averageEntryPrice).add(fillQuantity.multiply(price));
            newEntry = Money.divide(cost, newQuantity.abs());
        } else {
            BigDecimal closed = fillQuantity.min(quantity.abs());
            BigDecimal perUnit = price.subtract(averageEntryPrice);
            BigDecimal longPnl = closed.multiply(perUnit);
            realized = Money.of(quantity.signum() > 0 ? longPnl : longPnl.negate());
            if (newQuantity.signum() == 0) {
                newEntry = Money.ZERO;
            } else if (newQuantity.signum() == quantity.signum()) {
                newEntry = averageEntryPrice;
            } else {
                newEntry = price;
            }
        }
        // The constructor brings the sums to canonical form.
        PositionState next = new PositionState(newQuantity, newEntry,
                realized.signum() == 0 ? realizedPnl : realizedPnl.add(realized),
                fee.signum() == 0 ? fees : fees.add(fee));
        return new Netting(next, realized);
    }
}
