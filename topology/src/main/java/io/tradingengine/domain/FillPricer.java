package io.tradingengine.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Fill price and fee of a market order (DESIGN.md, Trading semantics).
 *
 * <p>A long pays the reference price × (1 + slippage), a short receives reference × (1 − slippage), the reference
 * being the touch (ask for a long, bid for a short), else mid, else last ({@link Quote#reference}). Prediction
 * prices are clamped into [{@link #PREDICTION_FLOOR}, {@link #PREDICTION_CEILING}], strictly inside (0, 1): a
 * contract worth 0 or 1 is settled, not traded. Fee = |quantity × fill price| × fee rate. Each result is computed
 * exactly and rounded once to {@link Money#SCALE} half-even.
 */
public final class FillPricer {

    /** Lowest prediction fill price: one tenth of the finest venue tick (0.001), so never a real book price. */
    public static final BigDecimal PREDICTION_FLOOR = Money.of("0.0001");
    /** Highest prediction fill price. */
    public static final BigDecimal PREDICTION_CEILING = Money.of("0.9999");

    private final CostSchedule costs;
    // 1 ± slippage per asset class, computed once: the price factor of a long and of a short.
    private final BigDecimal cryptoLong;
    private final BigDecimal cryptoShort;
    private final BigDecimal predictionLong;
    private final BigDecimal predictionShort;

    public FillPricer(CostSchedule costs) {
        this.costs = Objects.requireNonNull(costs, "costs");
        this.cryptoLong = BigDecimal.ONE.add(costs.crypto().slippage());
        this.cryptoShort = BigDecimal.ONE.subtract(costs.crypto().slippage());
        this.predictionLong = BigDecimal.ONE.add(costs.prediction().slippage());
        this.predictionShort = BigDecimal.ONE.subtract(costs.prediction().slippage());
    }

    /** The fill price of an order of {@code side} against {@code reference} in a market of {@code assetClass}. */
    public BigDecimal fillPrice(Side side, BigDecimal reference, AssetClass assetClass) {
        BigDecimal factor = assetClass == AssetClass.PREDICTION
                ? (side == Side.LONG ? predictionLong : predictionShort)
                : (side == Side.LONG ? cryptoLong : cryptoShort);
        BigDecimal price = Money.multiply(reference, factor);
        if (assetClass == AssetClass.PREDICTION) {
            return price.max(PREDICTION_FLOOR).min(PREDICTION_CEILING);
        }
        return price;
    }

    /** The fee of a fill: |quantity × price| × fee rate of the class. */
    public BigDecimal fee(BigDecimal quantity, BigDecimal price, AssetClass assetClass) {
        return Money.multiply(quantity.multiply(price).abs(), costs.of(assetClass).feeRate());
    }
}
