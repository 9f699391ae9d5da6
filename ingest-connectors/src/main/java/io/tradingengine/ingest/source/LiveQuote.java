package io.tradingengine.ingest.source;

import java.math.BigDecimal;

/**
 * The latest top of book and last trade a source reported for one market; any part may be unknown (null). Streams
 * report these parts in separate messages, and a tick carries all three.
 */
public record LiveQuote(BigDecimal bid, BigDecimal ask, BigDecimal last) {

    public static final LiveQuote EMPTY = new LiveQuote(null, null, null);

    /** This quote with a new top of book (null for a side that is empty now). */
    public LiveQuote withTop(BigDecimal newBid, BigDecimal newAsk) {
        return new LiveQuote(newBid, newAsk, last);
    }

    /** This quote with a new last trade price; null keeps the previous one. */
    public LiveQuote withLast(BigDecimal newLast) {
        return newLast == null ? this : new LiveQuote(bid, ask, newLast);
    }

    /** True when any price is known. */
    public boolean hasPrice() {
        return bid != null || ask != null || last != null;
    }

    /** Equal prices regardless of scale ("0.5" and "0.5000"). */
    public boolean samePrices(LiveQuote other) {
        return other != null && same(bid, other.bid) && same(ask, other.ask) && same(last, other.last);
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
