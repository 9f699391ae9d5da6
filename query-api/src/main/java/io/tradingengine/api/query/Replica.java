package io.tradingengine.api.query;

import org.apache.kafka.streams.state.HostInfo;

/**
 * One instance holding a copy of a key's store partition.
 *
 * @param host the instance's {@code application.server}; null for this instance when it runs alone
 * @param local true when the copy is in this process
 * @param active true for the active copy, false for a standby
 */
public record Replica(HostInfo host, boolean local, boolean active) {

    /** {@code host:port}, or "local" for a single instance. */
    public String describe() {
        return host == null ? "local" : host.host() + ":" + host.port();
    }
}
