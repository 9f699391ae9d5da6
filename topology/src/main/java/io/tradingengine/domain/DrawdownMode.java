package io.tradingengine.domain;

/**
 * How the maximum drawdown floor is measured: STATIC from the starting balance, TRAILING from the highest
 * end-of-day equity (the floor never moves down).
 */
public enum DrawdownMode {
    STATIC,
    TRAILING
}
