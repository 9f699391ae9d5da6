package io.tradingengine.api.query;

/**
 * Which local copy of a store partition a read may use: only the active, RUNNING copy, or (while the active cannot
 * answer) a standby or still-restoring copy whose changelog lag is at most {@code maxLag} records.
 *
 * @param standby true to read a standby or restoring copy
 * @param maxLag the largest changelog lag, in records, such a copy may have (ignored for the active copy)
 */
public record ReadMode(boolean standby, long maxLag) {

    /** The active copy, up to date. */
    public static final ReadMode ACTIVE = new ReadMode(false, 0);

    public ReadMode {
        if (maxLag < 0) {
            throw new IllegalArgumentException("maxLag must be >= 0, was " + maxLag);
        }
    }

    /** A standby or restoring copy at most {@code maxLag} records behind. */
    public static ReadMode standby(long maxLag) {
        return new ReadMode(true, maxLag);
    }
}
