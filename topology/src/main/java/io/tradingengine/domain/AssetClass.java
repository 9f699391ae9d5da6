package io.tradingengine.domain;

/** Kind of instrument: crypto pairs, or binary prediction contracts priced in (0, 1). */
public enum AssetClass {
    CRYPTO,
    PREDICTION
}
