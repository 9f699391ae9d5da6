package io.tradingengine.ingest;

/** Why a tick was not published. Bad prices are never published (issue 6, resilience). */
public enum TickRejection {
    /** No market id. */
    MISSING_MARKET,
    /** No source name. */
    MISSING_SOURCE,
    /** No timestamp. */
    MISSING_TIMESTAMP,
    /** Neither bid, ask nor last. */
    NO_PRICE,
    /** A price that is zero or negative. */
    NON_POSITIVE_PRICE,
    /** A prediction-market price above 1 (a YES share pays at most 1). */
    PREDICTION_PRICE_ABOVE_ONE,
    /** The bid is above the ask. */
    CROSSED_BOOK
}
