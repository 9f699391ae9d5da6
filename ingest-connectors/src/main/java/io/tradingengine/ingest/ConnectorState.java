package io.tradingengine.ingest;

/** Life cycle of a {@link MarketDataConnector}. */
public enum ConnectorState {
    /** Created, not started yet. */
    NEW,
    /** Started, no data received yet. */
    STARTING,
    /** Receiving and publishing. */
    RUNNING,
    /** Running but impaired (disconnected and retrying, failing over, no recent tick). */
    DEGRADED,
    /** Stopped on request. */
    STOPPED,
    /** Stopped on an error it cannot recover from. */
    FAILED
}
