package io.tradingengine.ingest.source;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Jittered exponential backoff between reconnect attempts: doubling from the minimum up to the maximum, each delay
 * randomized by ±50 % so that many clients cut off at once do not come back in step. {@link #reset()} after a
 * connection proved healthy.
 */
public final class Backoff {

    private static final double MULTIPLIER = 2.0;
    private static final double RANDOMIZATION = 0.5;

    private final IntervalFunction intervals;
    private final Duration max;
    private final AtomicInteger attempt = new AtomicInteger();

    public Backoff(Duration min, Duration max) {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("Backoff needs 0 < min <= max, got " + min + " and " + max);
        }
        this.max = max;
        this.intervals = IntervalFunction.ofExponentialRandomBackoff(min, MULTIPLIER, RANDOMIZATION, max);
    }

    /** The delay before the next attempt; each call counts one more attempt. */
    public Duration next() {
        int n = attempt.incrementAndGet();
        long millis = intervals.apply(Math.min(n, 62));
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }

    /** Attempts counted since the last reset. */
    public int attempts() {
        return attempt.get();
    }

    public void reset() {
        attempt.set(0);
    }
}
