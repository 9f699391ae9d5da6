package io.tradingengine.topology;

import io.tradingengine.avro.Market;
import io.tradingengine.avro.PriceTick;
import java.util.Objects;

/**
 * One record the market desk emits, routed by {@link #kind}. Lives between a processor and its sink, never
 * serialized.
 *
 * @param kind where it goes
 * @param tick the tick (LATEST_PRICE, TICK_FANOUT, DEAD_PRICE)
 * @param market the market record (LATEST_MARKET, where null is a tombstone; MARKET_FANOUT; DEAD_MARKET)
 */
record DeskOutput(Kind kind, PriceTick tick, Market market) {

    /** Where an output goes. */
    enum Kind {
        /** To {@code prices-latest}, keyed by market: the global prices store. */
        LATEST_PRICE,
        /** To {@code markets-latest}, keyed by market: the global markets store. */
        LATEST_MARKET,
        /** Keyed by market, broadcast to every partition of the assessment desk's mark to market. */
        TICK_FANOUT,
        /** Keyed by market, broadcast to every partition of the assessment desk's settlement. */
        MARKET_FANOUT,
        /** To {@code prices-dlq}. */
        DEAD_PRICE,
        /** To {@code markets-dlq}. */
        DEAD_MARKET
    }

    DeskOutput {
        Objects.requireNonNull(kind, "kind");
    }

    static DeskOutput of(Kind kind, PriceTick tick) {
        return new DeskOutput(kind, tick, null);
    }

    static DeskOutput of(Kind kind, Market market) {
        return new DeskOutput(kind, null, market);
    }

    boolean is(Kind other) {
        return kind == other;
    }
}
