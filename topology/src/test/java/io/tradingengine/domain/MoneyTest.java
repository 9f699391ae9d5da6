package io.tradingengine.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Canonical form changes the representation of a number, never the number: every operation of {@link Money} gives
 * exactly what the fixed scale of 18 gave (compute exactly, round once half-even to 18), and gives it in the one
 * canonical form, so {@code equals} is numeric equality.
 */
class MoneyTest {

    private static final int SCALE = 18;

    /** What every operation returned when all values were kept at scale 18. */
    private static BigDecimal fixed(BigDecimal exact) {
        return exact.setScale(SCALE, RoundingMode.HALF_EVEN);
    }

    private static void assertCanonicalAndEqual(BigDecimal actual, BigDecimal fixedScaleResult) {
        assertThat(actual.compareTo(fixedScaleResult)).as("%s vs %s", actual, fixedScaleResult).isZero();
        assertThat(actual.scale()).isBetween(0, SCALE);
        if (actual.scale() > 0) {
            assertThat(actual.unscaledValue().mod(BigInteger.TEN).signum()).as("trailing zero in %s", actual)
                    .isNotZero();
        }
        assertThat(Money.of(actual)).isEqualTo(actual);
    }

    @Property(tries = 2000)
    void ofKeepsTheNumberAndIsIdempotent(@ForAll("decimals") BigDecimal value) {
        BigDecimal canonical = Money.of(value);
        assertCanonicalAndEqual(canonical, fixed(value));
        assertThat(Money.of(canonical)).isEqualTo(canonical).isEqualTo(Money.of(fixed(value)));
    }

    @Property(tries = 2000)
    void equalNumbersHaveEqualCanonicalForms(@ForAll("decimals") BigDecimal value,
                                             @ForAll("padding") int extraZeros) {
        BigDecimal number = fixed(value);
        BigDecimal shortest = number.stripTrailingZeros();
        BigDecimal padded = number.setScale(Math.min(Math.max(shortest.scale(), 0) + extraZeros, SCALE));
        assertThat(Money.of(padded)).isEqualTo(Money.of(number)).isEqualTo(Money.of(shortest));
        assertThat(Money.of(padded).hashCode()).isEqualTo(Money.of(shortest).hashCode());
    }

    @Property(tries = 2000)
    void multiplyIsTheFixedScaleProduct(@ForAll("decimals") BigDecimal a, @ForAll("decimals") BigDecimal b) {
        assertCanonicalAndEqual(Money.multiply(a, b), fixed(a.multiply(b)));
        assertThat(Money.times(a, b).compareTo(fixed(a.multiply(b)))).isZero();
        assertThat(Money.times(a, b).scale()).isLessThanOrEqualTo(SCALE);
    }

    @Property(tries = 3000)
    void divideIsTheFixedScaleQuotient(@ForAll("decimals") BigDecimal a, @ForAll("divisors") BigDecimal b) {
        assertCanonicalAndEqual(Money.divide(a, b), a.divide(b, SCALE, RoundingMode.HALF_EVEN));
    }

    @Property(tries = 2000)
    void anAverageEntryIsTheFixedScaleQuotient(@ForAll("quantities") BigDecimal held,
                                               @ForAll("prices") BigDecimal entry,
                                               @ForAll("quantities") BigDecimal added,
                                               @ForAll("prices") BigDecimal price) {
        BigDecimal cost = held.multiply(entry).add(added.multiply(price));
        BigDecimal quantity = held.add(added);
        assertCanonicalAndEqual(Money.divide(cost, quantity), cost.divide(quantity, SCALE, RoundingMode.HALF_EVEN));
    }

    @Property(tries = 2000)
    void percentOfAndMidAreTheFixedScaleResults(@ForAll("decimals") BigDecimal a, @ForAll("decimals") BigDecimal b) {
        assertThat(Money.percentOf(a, b).compareTo(fixed(a.multiply(b).movePointLeft(2)))).isZero();
        assertCanonicalAndEqual(Money.mid(a, b), a.add(b).divide(BigDecimal.valueOf(2), SCALE, RoundingMode.HALF_EVEN));
    }

    @Example
    void shouldKeepWireValuesAsTheirShortestForm() {
        assertThat(Money.of(new BigDecimal("65000.000000000000000000"))).isEqualTo(new BigDecimal("65000"));
        assertThat(Money.of(new BigDecimal("0.640000000000000000"))).isEqualTo(new BigDecimal("0.64"));
        assertThat(Money.of(new BigDecimal("64252.500000000000000000"))).isEqualTo(new BigDecimal("64252.5"));
        assertThat(Money.of(new BigDecimal("-3.000000000000000000"))).isEqualTo(new BigDecimal("-3"));
        assertThat(Money.of(new BigDecimal("0E-18"))).isEqualTo(BigDecimal.ZERO);
        assertThat(Money.of(new BigDecimal("6.5E+4"))).isEqualTo(new BigDecimal("65000"));
    }

    @Example
    void shouldRoundQuotientsThatDoNotTerminateHalfEvenAtEighteenDecimals() {
        assertThat(Money.divide(new BigDecimal("64266.5"), new BigDecimal("3")))
                .isEqualTo(new BigDecimal("21422.166666666666666667"));
        assertThat(Money.divide(new BigDecimal("2"), new BigDecimal("3"))).isEqualTo(new BigDecimal("0.666666666666666667"));
        assertThat(Money.divide(new BigDecimal("25706.5"), new BigDecimal("0.4"))).isEqualTo(new BigDecimal("64266.25"));
        assertThat(Money.divide(new BigDecimal("-1"), new BigDecimal("-0.0008"))).isEqualTo(new BigDecimal("1250"));
    }

    @Example
    void shouldKeepTheRecordsInCanonicalFormWhoeverBuildsThem() {
        assertThat(new PositionState(new BigDecimal("0.50"), new BigDecimal("64000.000000000000000000"),
                new BigDecimal("-0E-18"), new BigDecimal("1.2300")))
                .isEqualTo(new PositionState(Money.of("0.5"), Money.of("64000"), Money.ZERO, Money.of("1.23")));
        Account account = Account.open("A1", "u1", new BigDecimal("100000.00"), new Rules(null, null, null, null, null,
                null, null, null, null), java.time.Instant.EPOCH);
        // More than 18 decimals: rounded half-even once, on the way in, as the wire would have it.
        assertThat(account.withBalance(new BigDecimal("100.0000000000000000005"), java.time.Instant.EPOCH).balance())
                .isEqualTo(new BigDecimal("100"));
        assertThat(account.startingBalance()).isEqualTo(new BigDecimal("100000"));
    }

    @Provide
    Arbitrary<BigDecimal> decimals() {
        // Unscaled values from tiny to beyond a long, scales from -3 to 24 (beyond 18: rounded on the way in).
        Arbitrary<BigInteger> unscaled = Arbitraries.oneOf(
                Arbitraries.longs().between(-1_000_000, 1_000_000).map(BigInteger::valueOf),
                Arbitraries.longs().map(BigInteger::valueOf),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(25).negate(), BigInteger.TEN.pow(25)));
        Arbitrary<Integer> scales = Arbitraries.integers().between(-3, 24);
        return Combinators.combine(unscaled, scales).as(BigDecimal::new);
    }

    @Provide
    Arbitrary<BigDecimal> divisors() {
        return decimals().filter(value -> value.signum() != 0);
    }

    @Provide
    Arbitrary<BigDecimal> quantities() {
        return Combinators.combine(Arbitraries.longs().between(1, 5_000_000), Arbitraries.integers().between(0, 8))
                .as(BigDecimal::valueOf);
    }

    @Provide
    Arbitrary<BigDecimal> prices() {
        return Combinators.combine(Arbitraries.longs().between(1, 10_000_000_000L),
                Arbitraries.integers().between(0, 6)).as(BigDecimal::valueOf);
    }

    @Provide
    Arbitrary<Integer> padding() {
        return Arbitraries.integers().between(0, 20);
    }
}
