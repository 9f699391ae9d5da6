package io.tradingengine.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a connector reports about itself at one moment.
 *
 * @param source         the connector's name
 * @param state          its life-cycle state
 * @param lastTickAt     when it last published a tick, or null when it never did
 * @param ticksPublished ticks handed to Kafka since start
 * @param ticksRejected  ticks dropped by validation since start
 * @param errors         errors since start (malformed input, failed requests, failed sends)
 * @param detail         a short human-readable note (the last error, the active failover), or null
 */
public record ConnectorHealth(
        String source,
        ConnectorState state,
        Instant lastTickAt,
        long ticksPublished,
        long ticksRejected,
        long errors,
        String detail) {

    public ConnectorHealth {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(state, "state");
    }

    /** True when running and a tick was published within {@code maxTickAge} of {@code now}. */
    public boolean isHealthy(Instant now, Duration maxTickAge) {
        return state == ConnectorState.RUNNING && lastTickAt != null
                && !lastTickAt.plus(maxTickAge).isBefore(now);
    }
}
