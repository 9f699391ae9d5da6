package io.tradingengine.domain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Exact arithmetic for money, prices and quantities.
 *
 * <p>Every value the domain stores or returns has at most {@link #SCALE} 18 decimal places, the scale of the Avro
 * {@code decimal(38, 18)} on the wire, and is kept in <em>canonical</em> form: no trailing zeros, never a negative
 * scale ({@code 65000}, {@code 0.5}, {@code 64252.5}). Products and sums are computed exactly; a result with more
 * than 18 decimals is rounded once, at the end of its formula, to 18 with {@link #ROUNDING} half-even (banker's
 * rounding, unbiased over many fills); divisions (average entry) are carried out directly at scale 18 half-even. No
 * {@code double} is ever involved.
 *
 * <p>The numbers are exactly those of a fixed scale of 18: padding {@code 64252.5} with zeros to 18 places changes
 * nothing. The canonical form is about cost. A fixed scale of 18 makes every price above 9.22 overflow a
 * {@code long} ({@code 65000} would be the 23-digit integer {@code 65000 × 10^18}), so every operation ran on
 * {@link java.math.BigInteger} arrays, and each product had to be divided back down to 18 places. In canonical form
 * everyday prices, quantities and balances fit {@link BigDecimal}'s 64-bit compact representation, products are
 * single multiplications and nothing is divided unless a result really has more than 18 decimals. Because there is
 * exactly one representation of each number, {@link BigDecimal#equals} (and so the records' {@code equals}) still
 * means numeric equality. Values read from the wire (scale 18) enter through {@link #of}; values leave through
 * {@code Decimals.wire}, which pads them back to 18.
 */
public final class Money {

    /** Decimal places of every stored value. */
    public static final int SCALE = 18;
    /** Rounding of every formula's final result. */
    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;
    /** Zero, canonical. */
    public static final BigDecimal ZERO = BigDecimal.ZERO;
    /** One, canonical. */
    public static final BigDecimal ONE = BigDecimal.ONE;

    private static final BigDecimal HALF = new BigDecimal("0.5");
    /** Digits that always fit a {@code long}. */
    private static final int COMPACT_DIGITS = 18;
    /** 10^0 … 10^18. */
    private static final BigInteger[] POWERS_OF_TEN = new BigInteger[SCALE + 1];

    /** 5^0 … 5^27, the powers of five that fit a {@code long}. */
    private static final long[] POWERS_OF_FIVE = new long[28];

    static {
        for (int i = 0; i <= SCALE; i++) {
            POWERS_OF_TEN[i] = BigInteger.TEN.pow(i);
        }
        POWERS_OF_FIVE[0] = 1;
        for (int i = 1; i < POWERS_OF_FIVE.length; i++) {
            POWERS_OF_FIVE[i] = POWERS_OF_FIVE[i - 1] * 5;
        }
    }

    private Money() {
    }

    /** The value in canonical form (rounded half-even to {@link #SCALE} if it has more decimals), or null for null. */
    public static BigDecimal of(BigDecimal value) {
        return value == null ? null : canonical(value);
    }

    /** Parses a decimal string to canonical form. */
    public static BigDecimal of(String value) {
        return of(new BigDecimal(value));
    }

    /** a × b, computed exactly and rounded once to {@link #SCALE} if it has more decimals. */
    public static BigDecimal multiply(BigDecimal a, BigDecimal b) {
        return canonical(a.multiply(b));
    }

    /**
     * a × b exactly, rounded half-even to {@link #SCALE} only when the product has more decimals, and not brought to
     * canonical form: for the terms of a sum or the sides of a comparison, whose end result goes through {@link #of}
     * if it is kept. Saves the strip of trailing zeros that {@link #multiply} does on every product.
     */
    public static BigDecimal times(BigDecimal a, BigDecimal b) {
        BigDecimal product = a.multiply(b);
        return product.scale() > SCALE ? product.setScale(SCALE, ROUNDING) : product;
    }

    /** a ÷ b rounded half-even at {@link #SCALE}, in canonical form. */
    public static BigDecimal divide(BigDecimal a, BigDecimal b) {
        BigDecimal exact = terminatingQuotient(a, b);
        return exact != null ? exact : canonical(a.divide(b, SCALE, ROUNDING));
    }

    /**
     * a ÷ b in {@code long} arithmetic when the quotient is exact within {@link #SCALE} decimals and fits a
     * {@code long} (an average entry such as 25706.5 ÷ 0.4), else null. BigDecimal would compute every quotient to 18
     * places, 23 digits for 64266.25, in BigInteger arithmetic, and then the zeros would be stripped again.
     *
     * <p>With a = x·10^-sa and b = y·10^-sb, write |y| = 2^i·5^j·r. The quotient terminates iff r divides x; then
     * a ÷ b = (x/r)·2^(m−i)·5^(m−j) · 10^-(sa−sb+m) with m = max(i, j), which is exact, so no rounding is involved.
     */
    private static BigDecimal terminatingQuotient(BigDecimal a, BigDecimal b) {
        if (a.precision() > COMPACT_DIGITS || b.precision() > COMPACT_DIGITS || b.signum() == 0) {
            return null;
        }
        long x = a.scaleByPowerOfTen(a.scale()).longValue();
        long y = b.scaleByPowerOfTen(b.scale()).longValue();
        long rest = Math.abs(y);
        int twos = Long.numberOfTrailingZeros(rest);
        rest >>= twos;
        int fives = 0;
        while (rest % 5 == 0) {
            rest /= 5;
            fives++;
        }
        if (x % rest != 0) {
            return null;
        }
        int m = Math.max(twos, fives);
        long scale = (long) a.scale() - b.scale() + m;
        int extraTwos = m - twos;
        int extraFives = m - fives;
        if (scale > SCALE || scale < -SCALE || extraTwos > 62 || extraFives >= POWERS_OF_FIVE.length) {
            return null;
        }
        long factor = extraTwos > 0 ? 1L << extraTwos : POWERS_OF_FIVE[extraFives];
        long quotient = x / rest;
        long high = Math.multiplyHigh(quotient, factor);
        long product = quotient * factor;
        if (high != (product >> 63) || product == Long.MIN_VALUE) {
            return null;
        }
        return canonical(BigDecimal.valueOf(y < 0 ? -product : product, (int) scale));
    }

    /** The midpoint of a and b at {@link #SCALE}. */
    public static BigDecimal mid(BigDecimal a, BigDecimal b) {
        // Halving is exact in decimal, so this equals the rounded quotient without a long division.
        return multiply(a.add(b), HALF);
    }

    /**
     * percent % of amount ({@code amount × percent / 100}), exactly, rounded once to {@link #SCALE} if need be. Like
     * {@link #times}, a threshold to compare against, not brought to canonical form.
     */
    public static BigDecimal percentOf(BigDecimal amount, BigDecimal percent) {
        // Dividing by 100 is a shift of the decimal point: exact, and far cheaper than a division.
        BigDecimal share = amount.multiply(percent).movePointLeft(2);
        return share.scale() > SCALE ? share.setScale(SCALE, ROUNDING) : share;
    }

    /**
     * The canonical form of a value: rounded half-even to {@link #SCALE} when it has more decimals, then without
     * trailing zeros, scale never below 0.
     */
    static BigDecimal canonical(BigDecimal value) {
        BigDecimal v = value.scale() > SCALE ? value.setScale(SCALE, ROUNDING) : value;
        if (v.signum() == 0) {
            return ZERO;
        }
        if (v.scale() <= 0) {
            return v.scale() == 0 ? v : v.setScale(0);
        }
        if (v.precision() > COMPACT_DIGITS) {
            return stripLarge(v);
        }
        // Up to 18 digits the unscaled value is a long. Most values end in a digit other than 0 and are returned as
        // they are; BigDecimal's own strip would allocate a copy of each.
        long unscaled = v.scaleByPowerOfTen(v.scale()).longValue();
        if (unscaled % 10 != 0) {
            return v;
        }
        int scale = v.scale();
        do {
            unscaled /= 10;
            scale--;
        } while (scale > 0 && unscaled % 10 == 0);
        return BigDecimal.valueOf(unscaled, scale);
    }

    /**
     * Strips a value of more than 18 digits, typically a price or balance read from the wire at scale 18
     * ({@code 65000.5} is the unscaled integer {@code 655005 × 10^17}) or an average entry divided out at 18. A
     * number ending in k zeros is divisible by 2^k, so its lowest set bit bounds the zeros that can be stripped; one
     * division by that power of ten either removes them all or leaves a remainder below 10^18, a {@code long}, whose
     * own trailing zeros are the number's. At most two divisions, where BigDecimal's generic strip divides by ten
     * once per zero.
     */
    private static BigDecimal stripLarge(BigDecimal v) {
        BigInteger unscaled = v.unscaledValue();
        int bound = Math.min(v.scale(), unscaled.getLowestSetBit());
        if (bound == 0) {
            return v;
        }
        BigInteger[] split = unscaled.divideAndRemainder(POWERS_OF_TEN[bound]);
        if (split[1].signum() == 0) {
            return new BigDecimal(split[0], v.scale() - bound);
        }
        long rest = split[1].longValue();
        int zeros = 0;
        while (rest % 10 == 0) {
            rest /= 10;
            zeros++;
        }
        return zeros == 0 ? v : new BigDecimal(unscaled.divide(POWERS_OF_TEN[zeros]), v.scale() - zeros);
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
