package io.tradingengine.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Exact arithmetic for money, prices and quantities.
 *
 * <p>Every value the domain stores or returns has {@link #SCALE} 18 decimal places, the scale of the Avro
 * {@code decimal(38, 18)} on the wire, so nothing is rounded again on its way into a record. Products and sums are
 * computed exactly and rounded once, at the end of each formula, with {@link #ROUNDING} half-even (banker's
 * rounding, unbiased over many fills); divisions (average entry, mid) are carried out directly at scale 18
 * half-even. No {@code double} is ever involved.
 */
public final class Money {

    /** Decimal places of every stored value. */
    public static final int SCALE = 18;
    /** Rounding of every formula's final result. */
    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;
    /** Zero at {@link #SCALE}. */
    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE, ROUNDING);
    /** One at {@link #SCALE}. */
    public static final BigDecimal ONE = BigDecimal.ONE.setScale(SCALE, ROUNDING);

    private static final BigDecimal HALF = new BigDecimal("0.5");

    private Money() {
    }

    /** The value at {@link #SCALE}, or null for null. */
    public static BigDecimal of(BigDecimal value) {
        return value == null ? null : value.setScale(SCALE, ROUNDING);
    }

    /** Parses a decimal string to {@link #SCALE}. */
    public static BigDecimal of(String value) {
        return of(new BigDecimal(value));
    }

    /** a × b, computed exactly and rounded once to {@link #SCALE}. */
    public static BigDecimal multiply(BigDecimal a, BigDecimal b) {
        return a.multiply(b).setScale(SCALE, ROUNDING);
    }

    /** a ÷ b at {@link #SCALE}. */
    public static BigDecimal divide(BigDecimal a, BigDecimal b) {
        return a.divide(b, SCALE, ROUNDING);
    }

    /** The midpoint of a and b at {@link #SCALE}. */
    public static BigDecimal mid(BigDecimal a, BigDecimal b) {
        // Halving is exact in decimal, so this equals the rounded quotient without a long division.
        return multiply(a.add(b), HALF);
    }

    /** percent % of amount ({@code amount × percent / 100}) at {@link #SCALE}, exactly rounded once. */
    public static BigDecimal percentOf(BigDecimal amount, BigDecimal percent) {
        // Dividing by 100 is a shift of the decimal point: exact, and far cheaper than a division.
        return amount.multiply(percent).movePointLeft(2).setScale(SCALE, ROUNDING);
    }

    /** True when the value is present and strictly positive. */
    public static boolean isPositive(BigDecimal value) {
        return value != null && value.signum() > 0;
    }

    /** Money amount for messages: two decimals, half-even ("31000.00"). */
    public static String amount(BigDecimal value) {
        return value.setScale(2, ROUNDING).toPlainString();
    }

    /** Price or quantity for messages: exact, without trailing zeros ("0.5", "65000"). */
    public static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0, ROUNDING) : stripped).toPlainString();
    }
}
