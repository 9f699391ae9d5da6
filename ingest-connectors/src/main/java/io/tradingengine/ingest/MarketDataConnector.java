package io.tradingengine.ingest;

/**
 * One source of market data (the simulated feed, Coingecko, Kalshi, Polymarket, ...). A connector knows its wire
 * format and turns what it receives into {@code PriceTick} and {@code Market} records; a shared
 * {@link PricePublisher} validates and publishes them. A connector owns its threads and connections: {@link #start()}
 * returns at once, {@link #stop()} releases everything and is safe to call twice.
 */
public interface MarketDataConnector extends AutoCloseable {

    /** The source name, as written in {@code PriceTick.source} and listed in {@code FEEDS}. */
    String name();

    /** Starts receiving and publishing in the background; a connector starts once. */
    void start();

    /** Stops receiving, waits (bounded) for its threads, and releases its connections. Idempotent. */
    void stop();

    /** A snapshot of the connector's state and counters, for {@code /health} and metrics. */
    ConnectorHealth health();

    /** Same as {@link #stop()}. */
    @Override
    default void close() {
        stop();
    }
}
