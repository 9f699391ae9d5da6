package io.tradingengine.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Slippage and fee of one asset class, as fractions of the price ({@code 0.001} = 0.1 %).
 *
 * @param slippage price concession per fill, in [0, 1)
 * @param feeRate fee per unit of fill notional, in [0, 1)
 */
public record ExecutionCosts(BigDecimal slippage, BigDecimal feeRate) {

    public ExecutionCosts {
        requireFraction("slippage", slippage);
        requireFraction("feeRate", feeRate);
    }

    static void requireFraction(String name, BigDecimal value) {
        Objects.requireNonNull(value, name);
        if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException(name + " must be a fraction in [0, 1), was " + value.toPlainString());
        }
    }
}
