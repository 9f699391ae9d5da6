package io.tradingengine.domain;

import java.util.Objects;

/**
 * Slippage and fee rates per asset class.
 *
 * @param crypto costs of crypto fills
 * @param prediction costs of prediction-market fills
 */
public record CostSchedule(ExecutionCosts crypto, ExecutionCosts prediction) {

    public CostSchedule {
        Objects.requireNonNull(crypto, "crypto");
        Objects.requireNonNull(prediction, "prediction");
    }

    /** The costs of the given asset class. */
    public ExecutionCosts of(AssetClass assetClass) {
        return assetClass == AssetClass.PREDICTION ? prediction : crypto;
    }
}
