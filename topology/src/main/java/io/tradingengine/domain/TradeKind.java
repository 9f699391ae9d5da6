package io.tradingengine.domain;

/**
 * Why a trade happened: an order's FILL, a LIQUIDATION on a rule breach, the SETTLEMENT of a resolved prediction
 * market, or the VOID of a cancelled one.
 */
public enum TradeKind {
    FILL,
    LIQUIDATION,
    SETTLEMENT,
    VOID
}
