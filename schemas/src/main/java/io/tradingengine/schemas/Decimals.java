package io.tradingengine.schemas;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one place that knows the wire scale of money, prices and quantities: Avro {@code decimal(38, 18)}. Avro
 * refuses to encode a {@link BigDecimal} whose scale is above 18 and would rescale smaller ones silently, so every
 * value goes through {@link #wire} on its way into a record: one explicit rounding, the same everywhere.
 */
public final class Decimals {

    public static final int WIRE_SCALE = 18;
    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;

    private Decimals() {
    }

    /** The value at the wire scale (half-even), or null for null. */
    public static BigDecimal wire(BigDecimal value) {
        return value == null ? null : value.setScale(WIRE_SCALE, ROUNDING);
    }

    /** Plain text without trailing zeros, as the REST API prints decimals ("0.5", "65000"). */
    public static String text(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
