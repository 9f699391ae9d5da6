package io.tradingengine.domain;

import java.math.BigDecimal;

/**
 * The outcome of applying a fill to a position.
 *
 * @param position the position after the fill
 * @param realizedPnl P&L realized by this fill alone (0 when it only opened or added), fees not included
 */
public record Netting(PositionState position, BigDecimal realizedPnl) {
}
