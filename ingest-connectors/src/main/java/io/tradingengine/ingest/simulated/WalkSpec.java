package io.tradingengine.ingest.simulated;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How one simulated price moves per step.
 *
 * @param start         the first mid price, also the anchor the walk reverts to
 * @param volatility    standard deviation of one step: a fraction of the price for crypto; for a prediction market
 *                      the absolute step at 0.5 (smaller towards 0 and 1)
 * @param halfSpread    half the bid/ask spread: a fraction of the price for crypto, absolute for a prediction market
 * @param tickSize      price increment of bid, ask and last (0.01 = cents)
 * @param meanReversion fraction of the distance to {@code start} recovered per step (keeps a long run near the
 *                      realistic level)
 * @param bounded       true for a prediction market: prices stay strictly inside (0, 1)
 */
public record WalkSpec(
        BigDecimal start,
        BigDecimal volatility,
        BigDecimal halfSpread,
        BigDecimal tickSize,
        BigDecimal meanReversion,
        boolean bounded) {

    /** Steps are drawn from a normal distribution cut at this many standard deviations. */
    static final int MAX_SIGMAS = 4;

    private static final BigDecimal HALF = new BigDecimal("0.5");

    public WalkSpec {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(volatility, "volatility");
        Objects.requireNonNull(halfSpread, "halfSpread");
        Objects.requireNonNull(tickSize, "tickSize");
        Objects.requireNonNull(meanReversion, "meanReversion");
        if (tickSize.signum() <= 0 || halfSpread.signum() <= 0 || volatility.signum() < 0
                || meanReversion.signum() < 0 || meanReversion.compareTo(HALF) > 0) {
            throw new IllegalArgumentException("Tick size and half spread must be positive, volatility and mean "
                    + "reversion non-negative, mean reversion at most 0.5: " + this);
        }
        // Largest relative down-move of one step must stay well below 100 %, so a crypto price stays positive.
        if (volatility.multiply(BigDecimal.valueOf(MAX_SIGMAS)).add(meanReversion).compareTo(HALF) >= 0) {
            throw new IllegalArgumentException("Volatility too high for a positive walk: " + this);
        }
        if (bounded && (start.compareTo(tickSize.add(halfSpread)) <= 0
                || start.compareTo(BigDecimal.ONE.subtract(tickSize).subtract(halfSpread)) >= 0
                || halfSpread.compareTo(new BigDecimal("0.1")) > 0)) {
            throw new IllegalArgumentException("A prediction walk needs a start inside (0, 1) away from the edges "
                    + "and a half spread of at most 0.1: " + this);
        }
        if (!bounded && (start.compareTo(tickSize.multiply(BigDecimal.valueOf(1000))) < 0
                || halfSpread.compareTo(HALF) >= 0)) {
            throw new IllegalArgumentException("A crypto walk needs a start of at least 1000 ticks and a half "
                    + "spread below 0.5: " + this);
        }
    }

    /** A crypto pair: relative moves and spread, prices in steps of {@code tickSize}. */
    public static WalkSpec crypto(String start, String volatility, String halfSpread, String tickSize) {
        return new WalkSpec(new BigDecimal(start), new BigDecimal(volatility), new BigDecimal(halfSpread),
                new BigDecimal(tickSize), new BigDecimal("0.0002"), false);
    }

    /** A prediction contract priced in (0, 1): absolute spread, prices in steps of {@code tickSize}. */
    public static WalkSpec prediction(String start, String volatility, String halfSpread, String tickSize) {
        return new WalkSpec(new BigDecimal(start), new BigDecimal(volatility), new BigDecimal(halfSpread),
                new BigDecimal(tickSize), new BigDecimal("0.0005"), true);
    }
}
