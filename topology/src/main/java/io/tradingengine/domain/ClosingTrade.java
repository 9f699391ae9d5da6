package io.tradingengine.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A trade the engine makes on its own, closing a whole position: a LIQUIDATION on a breach, a SETTLEMENT of a
 * resolved prediction market or the VOID of a cancelled one. The balance moves by {@code realizedPnl - fee}; a VOID
 * carries the refunded fees as a negative fee.
 *
 * @param tradeId id derived from the cause ({@link TradeIds})
 * @param kind LIQUIDATION, SETTLEMENT or VOID
 * @param market market id
 * @param assetClass class of the market
 * @param side the side that closes the position
 * @param quantity closed quantity (positive)
 * @param price closing price
 * @param fee fee charged (0), or minus the fees refunded (VOID)
 * @param realizedPnl P&L realized by the close, fees not included
 * @param position the position after the trade (flat)
 */
public record ClosingTrade(String tradeId, TradeKind kind, String market, AssetClass assetClass, Side side,
                           BigDecimal quantity, BigDecimal price, BigDecimal fee, BigDecimal realizedPnl,
                           PositionState position) {

    public ClosingTrade {
        Objects.requireNonNull(tradeId, "tradeId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(position, "position");
    }

    /** What the trade adds to the balance: realized P&L minus fee. */
    public BigDecimal balanceChange() {
        return realizedPnl.subtract(fee);
    }
}
