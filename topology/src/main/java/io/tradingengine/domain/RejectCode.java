package io.tradingengine.domain;

/** Why an order was rejected (DESIGN.md, reject codes). Expected outcomes, never exceptions. */
public enum RejectCode {
    INVALID_ORDER,
    UNKNOWN_MARKET,
    MARKET_NOT_OPEN,
    NO_PRICE,
    STALE_PRICE,
    ASSESSMENT_NOT_FOUND,
    ASSESSMENT_NOT_ACTIVE,
    NOT_OWNER,
    MAX_ORDER_NOTIONAL,
    MAX_POSITION_NOTIONAL,
    INSUFFICIENT_BUYING_POWER,
    DAILY_LOSS_LIMIT,
    MAX_DRAWDOWN
}
