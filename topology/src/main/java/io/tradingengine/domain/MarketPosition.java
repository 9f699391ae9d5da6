package io.tradingengine.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A position of an assessment in one market with the mark it is valued at: what valuation, liquidation and
 * settlement need.
 *
 * @param market market id
 * @param assetClass class of the market
 * @param state quantity, average entry, realized P&L and fees
 * @param markPrice current mark (mid, else last), or null when the market has no price
 */
public record MarketPosition(String market, AssetClass assetClass, PositionState state, BigDecimal markPrice) {

    public MarketPosition {
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(assetClass, "assetClass");
        Objects.requireNonNull(state, "state");
    }

    /** The position as a unit of {@link Valuation}. */
    public Holding holding() {
        return new Holding(market, state.quantity(), state.averageEntryPrice(), markPrice);
    }

    /** True when the quantity is not zero. */
    public boolean isOpen() {
        return !state.isFlat();
    }

    /** The same position valued at {@code newMarkPrice} (nullable). */
    public MarketPosition withMarkPrice(BigDecimal newMarkPrice) {
        return new MarketPosition(market, assetClass, state, newMarkPrice);
    }

    /** The same market with another state. */
    public MarketPosition withState(PositionState newState) {
        return new MarketPosition(market, assetClass, newState, markPrice);
    }
}
