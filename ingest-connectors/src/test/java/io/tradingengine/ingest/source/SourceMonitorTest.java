package io.tradingengine.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingengine.ingest.ConnectorHealth;
import io.tradingengine.ingest.ConnectorState;
import io.tradingengine.ingest.TickRejection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SourceMonitorTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final SourceMonitor monitor = new SourceMonitor("kalshi", meters, clock, Duration.ofSeconds(30));

    @Test
    void shouldBeStartingUntilTheFirstTickThenRunning() {
        monitor.lifecycle(ConnectorState.STARTING);
        assertThat(monitor.health().state()).isEqualTo(ConnectorState.STARTING);

        monitor.published();

        ConnectorHealth health = monitor.health();
        assertThat(health.state()).isEqualTo(ConnectorState.RUNNING);
        assertThat(health.lastTickAt()).isEqualTo(clock.instant());
        assertThat(health.ticksPublished()).isEqualTo(1);
    }

    @Test
    void shouldTurnDegradedWhenTheLastTickIsOlderThanTheMaximumAge() {
        monitor.lifecycle(ConnectorState.STARTING);
        monitor.published();

        clock.advance(Duration.ofSeconds(31));

        assertThat(monitor.health().state()).isEqualTo(ConnectorState.DEGRADED);
        assertThat(monitor.health().detail()).contains("no tick for 31 s");
        assertThat(meters.get("ingest.source.last.tick.age").tag("source", "kalshi").gauge().value())
                .isEqualTo(31.0);
        assertThat(meters.get("ingest.source.healthy").gauge().value()).isZero();
    }

    @Test
    void shouldStayDegradedWhileAConditionHolds() {
        monitor.lifecycle(ConnectorState.STARTING);
        monitor.published();

        monitor.impaired("websocket", "websocket down; polling REST");
        assertThat(monitor.health().state()).isEqualTo(ConnectorState.DEGRADED);
        assertThat(monitor.health().detail()).isEqualTo("websocket down; polling REST");

        monitor.restored("websocket");
        assertThat(monitor.health().state()).isEqualTo(ConnectorState.RUNNING);
    }

    @Test
    void shouldCountErrorsByKindRejectionsReconnectsAndFailovers() {
        monitor.error(ErrorKind.MALFORMED, "not JSON");
        monitor.error(ErrorKind.MALFORMED, "not JSON");
        monitor.error(new SourceException(ErrorKind.SERVER_ERROR, "503"));
        monitor.rejected(TickRejection.CROSSED_BOOK);
        monitor.reconnect();
        monitor.failover();

        assertThat(monitor.errors(ErrorKind.MALFORMED)).isEqualTo(2);
        assertThat(monitor.errors()).isEqualTo(3);
        assertThat(monitor.health().ticksRejected()).isEqualTo(1);
        assertThat(monitor.health().detail()).contains("server_error: 503");
        assertThat(meters.get("ingest.source.errors").tag("kind", "malformed").counter().count()).isEqualTo(2);
        assertThat(meters.get("ingest.source.reconnects").counter().count()).isEqualTo(1);
        assertThat(meters.get("ingest.source.failovers").counter().count()).isEqualTo(1);
    }

    @Test
    void shouldMeasureTicksPerSecondOverTheLastTenSeconds() {
        for (int second = 0; second < 10; second++) {
            for (int i = 0; i < 5; i++) {
                monitor.published();
            }
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(monitor.tickRate()).isEqualTo(5.0);
        assertThat(meters.get("ingest.source.ticks.rate").gauge().value()).isEqualTo(5.0);
        clock.advance(Duration.ofSeconds(20));
        assertThat(monitor.tickRate()).isZero();
    }

    @Test
    void shouldRemoveItsMetersWhenClosed() {
        monitor.close();

        assertThat(meters.find("ingest.source.errors").tag("source", "kalshi").counters()).isEmpty();
        assertThat(meters.find("ingest.source.ticks.rate").gauge()).isNull();
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
