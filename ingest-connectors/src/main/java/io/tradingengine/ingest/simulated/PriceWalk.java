package io.tradingengine.ingest.simulated;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Random;

/**
 * A random walk of one market's mid price with a quote around it, in exact decimals. Crypto moves geometrically
 * (relative steps) with a weak pull back to its start and never reaches zero; a prediction contract moves in
 * absolute steps that shrink towards 0 and 1 and stays strictly inside (0, 1). Deterministic for a seeded
 * {@link Random}. Not thread-safe: one walk per market, stepped by one thread.
 */
public final class PriceWalk {

    private static final MathContext MATH = new MathContext(20, RoundingMode.HALF_EVEN);
    private static final int MID_SCALE = 10;
    private static final int SHOCK_SCALE = 6;
    private static final BigDecimal FOUR = BigDecimal.valueOf(4);
    private static final BigDecimal MIN_CRYPTO_TICKS = BigDecimal.valueOf(100);

    private final WalkSpec spec;
    private final Random random;
    private final BigDecimal lowerBound;
    private final BigDecimal upperBound;
    private BigDecimal mid;

    public PriceWalk(WalkSpec spec, Random random) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.random = Objects.requireNonNull(random, "random");
        if (spec.bounded()) {
            // Keep the quote one tick inside the edges: bid >= one tick, ask <= 1 - one tick.
            this.lowerBound = spec.tickSize().add(spec.halfSpread());
            this.upperBound = BigDecimal.ONE.subtract(spec.tickSize()).subtract(spec.halfSpread());
        } else {
            this.lowerBound = spec.tickSize().multiply(MIN_CRYPTO_TICKS);
            this.upperBound = null;
        }
        this.mid = spec.start().setScale(MID_SCALE, RoundingMode.HALF_EVEN);
    }

    public WalkSpec spec() {
        return spec;
    }

    /** The current mid price (unrounded to the tick). */
    public BigDecimal mid() {
        return mid;
    }

    /** Moves the mid one step and returns the new quote. */
    public Quote next() {
        BigDecimal z = BigDecimal.valueOf(boundedGaussian()).setScale(SHOCK_SCALE, RoundingMode.HALF_EVEN);
        BigDecimal moved = spec.bounded() ? stepBounded(z) : stepGeometric(z);
        mid = clamp(moved).setScale(MID_SCALE, RoundingMode.HALF_EVEN);
        return quote();
    }

    /** The quote at the current mid: bid rounded down and ask rounded up to the tick, last at the mid. */
    public Quote quote() {
        BigDecimal tick = spec.tickSize();
        BigDecimal halfSpread = spec.bounded() ? spec.halfSpread() : mid.multiply(spec.halfSpread(), MATH);
        BigDecimal bid = toTick(mid.subtract(halfSpread), RoundingMode.FLOOR);
        BigDecimal ask = toTick(mid.add(halfSpread), RoundingMode.CEILING);
        if (ask.compareTo(bid) <= 0) {
            // Unreachable for a positive spread (floor < ceiling); kept as the invariant's guard.
            ask = bid.add(tick);
        }
        BigDecimal last = toTick(mid, RoundingMode.HALF_EVEN).max(bid).min(ask);
        return new Quote(bid, ask, last);
    }

    /** mid * (1 + volatility * z + reversion * (start - mid) / mid). */
    private BigDecimal stepGeometric(BigDecimal z) {
        BigDecimal shock = spec.volatility().multiply(z, MATH);
        BigDecimal pull = spec.meanReversion().multiply(spec.start().subtract(mid), MATH).divide(mid, MATH);
        return mid.multiply(BigDecimal.ONE.add(shock).add(pull), MATH);
    }

    /** p + volatility * z * 4p(1 - p) + reversion * (start - p): the step shrinks towards the edges. */
    private BigDecimal stepBounded(BigDecimal z) {
        BigDecimal edgeFactor = FOUR.multiply(mid, MATH).multiply(BigDecimal.ONE.subtract(mid), MATH);
        BigDecimal shock = spec.volatility().multiply(z, MATH).multiply(edgeFactor, MATH);
        BigDecimal pull = spec.meanReversion().multiply(spec.start().subtract(mid), MATH);
        return mid.add(shock).add(pull);
    }

    private BigDecimal clamp(BigDecimal value) {
        BigDecimal result = value.max(lowerBound);
        return upperBound == null ? result : result.min(upperBound);
    }

    private BigDecimal toTick(BigDecimal price, RoundingMode rounding) {
        BigDecimal tick = spec.tickSize();
        return price.divide(tick, 0, rounding).multiply(tick);
    }

    private double boundedGaussian() {
        double z = random.nextGaussian();
        return Math.max(-WalkSpec.MAX_SIGMAS, Math.min(WalkSpec.MAX_SIGMAS, z));
    }
}
