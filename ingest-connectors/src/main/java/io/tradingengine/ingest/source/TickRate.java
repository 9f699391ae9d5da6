package io.tradingengine.ingest.source;

/** Ticks per second over the last complete {@value #WINDOW_SECONDS} seconds, in one-second buckets. */
final class TickRate {

    static final int WINDOW_SECONDS = 10;

    private final long[] counts = new long[WINDOW_SECONDS + 1];
    private final long[] seconds = new long[WINDOW_SECONDS + 1];

    synchronized void record(long epochSecond) {
        int slot = (int) Math.floorMod(epochSecond, (long) counts.length);
        if (seconds[slot] != epochSecond) {
            seconds[slot] = epochSecond;
            counts[slot] = 0;
        }
        counts[slot]++;
    }

    /** The mean rate over the {@value #WINDOW_SECONDS} seconds before {@code nowEpochSecond}. */
    synchronized double perSecond(long nowEpochSecond) {
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            long age = nowEpochSecond - seconds[i];
            if (age >= 1 && age <= WINDOW_SECONDS) {
                total += counts[i];
            }
        }
        return (double) total / WINDOW_SECONDS;
    }
}
