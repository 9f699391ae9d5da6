package io.tradingengine.sink;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Bounded polling for tests: check a condition until it holds or the deadline passes. */
final class Poll {

    /** A condition that may throw. */
    @FunctionalInterface
    interface Condition {
        boolean holds() throws Exception;
    }

    private Poll() {
    }

    static void until(Duration timeout, String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
