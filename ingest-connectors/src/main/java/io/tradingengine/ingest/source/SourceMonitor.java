package io.tradingengine.ingest.source;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradingengine.ingest.ConnectorHealth;
import io.tradingengine.ingest.ConnectorState;
import io.tradingengine.ingest.TickRejection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Health and metrics of one source, shared by every connector: what it published, what it dropped, its errors by
 * kind, reconnects, failovers, its circuit breakers, and the conditions that currently impair it. Its
 * {@link #health()} turns DEGRADED while any condition holds or when no tick was published for the maximum tick age.
 * Thread-safe; errors are logged at most on the first occurrence, every hundredth and once a minute per kind, so a
 * flood of bad frames does not flood the log.
 *
 * <p>Meters, all tagged {@code source}: {@code ingest.source.ticks.rate} (ticks per second over the last 10 s),
 * {@code ingest.source.last.tick.age} (seconds, NaN before the first tick), {@code ingest.source.ticks.published},
 * {@code ingest.source.ticks.rejected}, {@code ingest.source.errors} (tag {@code kind}),
 * {@code ingest.source.reconnects}, {@code ingest.source.failovers}, {@code ingest.source.breaker.state} (tag
 * {@code breaker}; 0 closed, 1 open, 2 half-open, 3 other) and {@code ingest.source.healthy} (1 or 0).
 */
public final class SourceMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(SourceMonitor.class);
    private static final Duration LOG_EVERY = Duration.ofMinutes(1);

    private final String source;
    private final Clock clock;
    private final Duration maxTickAge;
    private final MeterRegistry meters;
    private final List<Meter> registered = new CopyOnWriteArrayList<>();
    private final Map<ErrorKind, Counter> errorCounters = new EnumMap<>(ErrorKind.class);
    private final Map<ErrorKind, AtomicLong> errorCounts = new EnumMap<>(ErrorKind.class);
    private final Map<ErrorKind, AtomicLong> lastLoggedAt = new EnumMap<>(ErrorKind.class);
    private final Map<String, String> conditions = new ConcurrentSkipListMap<>();
    private final TickRate tickRate = new TickRate();
    private final AtomicLong ticksPublished = new AtomicLong();
    private final AtomicLong ticksRejected = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong failovers = new AtomicLong();
    private final Counter publishedCounter;
    private final Counter rejectedCounter;
    private final Counter reconnectCounter;
    private final Counter failoverCounter;
    private volatile ConnectorState lifecycle = ConnectorState.NEW;
    private volatile Instant lastTickAt;
    private volatile String lastError;

    public SourceMonitor(String source, MeterRegistry meters, Clock clock, Duration maxTickAge) {
        this.source = Objects.requireNonNull(source, "source");
        this.meters = Objects.requireNonNull(meters, "meters");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxTickAge = Objects.requireNonNull(maxTickAge, "maxTickAge");
        for (ErrorKind kind : ErrorKind.values()) {
            errorCounts.put(kind, new AtomicLong());
            lastLoggedAt.put(kind, new AtomicLong(Long.MIN_VALUE));
            errorCounters.put(kind, keep(Counter.builder("ingest.source.errors").tag("source", source)
                    .tag("kind", kind.tag()).description("Errors of a market-data source by kind").register(meters)));
        }
        publishedCounter = keep(Counter.builder("ingest.source.ticks.published").tag("source", source)
                .register(meters));
        rejectedCounter = keep(Counter.builder("ingest.source.ticks.rejected").tag("source", source)
                .register(meters));
        reconnectCounter = keep(Counter.builder("ingest.source.reconnects").tag("source", source).register(meters));
        failoverCounter = keep(Counter.builder("ingest.source.failovers").tag("source", source).register(meters));
        keep(Gauge.builder("ingest.source.ticks.rate", this, SourceMonitor::tickRate).tag("source", source)
                .description("Ticks per second over the last 10 s").strongReference(true).register(meters));
        keep(Gauge.builder("ingest.source.last.tick.age", this, SourceMonitor::lastTickAgeSeconds)
                .tag("source", source).baseUnit("seconds").strongReference(true).register(meters));
        keep(Gauge.builder("ingest.source.healthy", this, m -> m.health().state() == ConnectorState.RUNNING ? 1 : 0)
                .tag("source", source).strongReference(true).register(meters));
    }

    public String source() {
        return source;
    }

    public Clock clock() {
        return clock;
    }

    public Duration maxTickAge() {
        return maxTickAge;
    }

    /** Sets the life-cycle state the connector is in (NEW, STARTING, STOPPED or FAILED; the rest is derived). */
    public void lifecycle(ConnectorState state) {
        this.lifecycle = Objects.requireNonNull(state, "state");
    }

    public ConnectorState lifecycle() {
        return lifecycle;
    }

    /** Records a tick handed to Kafka. */
    public void published() {
        Instant now = clock.instant();
        lastTickAt = now;
        ticksPublished.incrementAndGet();
        publishedCounter.increment();
        tickRate.record(now.getEpochSecond());
    }

    /** Records a tick the validator dropped. */
    public void rejected(TickRejection reason) {
        ticksRejected.incrementAndGet();
        rejectedCounter.increment();
        LOG.debug("{}: tick rejected: {}", source, reason);
    }

    /** Counts an error and logs it (throttled per kind). */
    public void error(ErrorKind kind, String message) {
        errors.incrementAndGet();
        long count = errorCounts.get(kind).incrementAndGet();
        errorCounters.get(kind).increment();
        String note = kind.tag() + ": " + message;
        lastError = note;
        long now = clock.millis();
        AtomicLong logged = lastLoggedAt.get(kind);
        long previous = logged.get();
        boolean due = count == 1 || count % 100 == 0 || previous == Long.MIN_VALUE
                || now - previous >= LOG_EVERY.toMillis();
        if (due && logged.compareAndSet(previous, now)) {
            LOG.warn("{}: {} ({} {} errors so far)", source, note, count, kind.tag());
        }
    }

    /** Counts an exception classified by its kind. */
    public void error(SourceException exception) {
        error(exception.kind(), exception.getMessage());
    }

    /** Counts a reconnect attempt. */
    public void reconnect() {
        reconnects.incrementAndGet();
        reconnectCounter.increment();
    }

    /** Counts a switch to a failover source. */
    public void failover() {
        failovers.incrementAndGet();
        failoverCounter.increment();
    }

    /** Marks the source impaired for a named reason until {@link #restored(String)}; health turns DEGRADED. */
    public void impaired(String condition, String detail) {
        String previous = conditions.put(condition, detail);
        if (!detail.equals(previous)) {
            LOG.info("{}: {}", source, detail);
        }
    }

    /** Clears a condition set by {@link #impaired(String, String)}. */
    public void restored(String condition) {
        String previous = conditions.remove(condition);
        if (previous != null) {
            LOG.info("{}: restored ({})", source, condition);
        }
    }

    public boolean isImpaired(String condition) {
        return conditions.containsKey(condition);
    }

    /** Publishes the state of {@code breaker} as the gauge {@code ingest.source.breaker.state}. */
    public void watch(CircuitBreaker breaker) {
        keep(Gauge.builder("ingest.source.breaker.state", breaker, SourceMonitor::breakerState)
                .tag("source", source).tag("breaker", breaker.getName())
                .description("0 closed, 1 open, 2 half-open, 3 other").strongReference(true).register(meters));
    }

    public long errors(ErrorKind kind) {
        return errorCounts.get(kind).get();
    }

    public long errors() {
        return errors.get();
    }

    public long reconnects() {
        return reconnects.get();
    }

    public long failovers() {
        return failovers.get();
    }

    public long ticksPublished() {
        return ticksPublished.get();
    }

    public Instant lastTickAt() {
        return lastTickAt;
    }

    /** Ticks per second over the last 10 complete seconds. */
    public double tickRate() {
        return tickRate.perSecond(clock.instant().getEpochSecond());
    }

    /** The current health: the life-cycle state, else DEGRADED while impaired or stale, else STARTING or RUNNING. */
    public ConnectorHealth health() {
        ConnectorState state = lifecycle;
        String detail = lastError == null ? null : "last error " + lastError;
        if (state == ConnectorState.STARTING || state == ConnectorState.RUNNING
                || state == ConnectorState.DEGRADED) {
            Instant last = lastTickAt;
            Instant now = clock.instant();
            List<String> problems = new ArrayList<>(conditions.values());
            if (last != null && last.plus(maxTickAge).isBefore(now)) {
                problems.add("no tick for " + Duration.between(last, now).toSeconds() + " s (max "
                        + maxTickAge.toSeconds() + " s)");
            }
            if (!problems.isEmpty()) {
                state = ConnectorState.DEGRADED;
                detail = String.join("; ", problems);
            } else {
                state = last == null ? ConnectorState.STARTING : ConnectorState.RUNNING;
            }
        }
        return new ConnectorHealth(source, state, lastTickAt, ticksPublished.get(), ticksRejected.get(),
                errors.get(), detail);
    }

    /** Removes this source's meters from the registry. */
    public void close() {
        for (Meter meter : registered) {
            meters.remove(meter);
        }
        registered.clear();
    }

    private double lastTickAgeSeconds() {
        Instant last = lastTickAt;
        return last == null ? Double.NaN : Duration.between(last, clock.instant()).toMillis() / 1000.0;
    }

    private static double breakerState(CircuitBreaker breaker) {
        switch (breaker.getState()) {
            case CLOSED:
                return 0;
            case OPEN:
                return 1;
            case HALF_OPEN:
                return 2;
            default:
                return 3;
        }
    }

    private <M extends Meter> M keep(M meter) {
        registered.add(meter);
        return meter;
    }
}
