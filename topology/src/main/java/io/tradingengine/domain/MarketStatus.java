package io.tradingengine.domain;

/** Trading status of a market; only OPEN markets accept orders. */
public enum MarketStatus {
    OPEN,
    HALTED,
    CLOSED,
    RESOLVED,
    CANCELLED
}
