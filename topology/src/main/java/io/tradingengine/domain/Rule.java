package io.tradingengine.domain;

/** The assessment rules that end an assessment: two breaches (FAILED) and the profit target (PASSED). */
public enum Rule {
    MAX_DRAWDOWN,
    DAILY_LOSS_LIMIT,
    PROFIT_TARGET
}
