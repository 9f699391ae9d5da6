package io.tradingengine.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sink's meters for one topic on a Micrometer registry, each tagged with the topic:
 * <ul>
 *   <li>counters {@code sink.rows.written}, {@code sink.rows.duplicate}, {@code sink.batches},
 *       {@code sink.write.errors}, {@code sink.records.skipped} (undecodable records), {@code sink.rows.rejected}
 *       (rows the database refuses as data), {@code sink.commit.errors} (Kafka commits after the database's);</li>
 *   <li>gauges {@code sink.lag.records} (records in the topic not read yet, over the assigned partitions) and
 *       {@code sink.rows.per.second} (rows written per second over the last {@value #RATE_WINDOW_SECONDS} s);</li>
 *   <li>timer {@code sink.row.delay}: from the row's own time (a trade's executedAt, a result's processedAt, both
 *       stamped by the engine just before its transaction) to the database commit of its batch, with p50/p99.</li>
 * </ul>
 */
public final class SinkMetrics {

    static final int RATE_WINDOW_SECONDS = 10;

    private final Counter rowsWritten;
    private final Counter rowsDuplicate;
    private final Counter batches;
    private final Counter writeErrors;
    private final Counter recordsSkipped;
    private final Counter commitErrors;
    private final Counter rowsRejected;
    private final Timer rowDelay;
    private final AtomicLong lag = new AtomicLong();
    private final RowRate rate = new RowRate(RATE_WINDOW_SECONDS);

    public SinkMetrics(MeterRegistry registry, String topic) {
        this.rowsWritten = counter(registry, "sink.rows.written", topic, "Rows inserted into the database");
        this.rowsDuplicate = counter(registry, "sink.rows.duplicate", topic,
                "Rows skipped because their id was already written");
        this.batches = counter(registry, "sink.batches", topic, "Batches committed to the database");
        this.writeErrors = counter(registry, "sink.write.errors", topic,
                "Failed attempts to write a batch (the batch is retried)");
        this.recordsSkipped = counter(registry, "sink.records.skipped", topic,
                "Records that could not be deserialized, logged and skipped");
        this.commitErrors = counter(registry, "sink.commit.errors", topic,
                "Failed Kafka offset commits after a written batch (the database holds the positions)");
        this.rowsRejected = counter(registry, "sink.rows.rejected", topic,
                "Rows the database refused as data, logged and left out of their batch");
        this.rowDelay = Timer.builder("sink.row.delay").tag("topic", topic)
                .description("From the row's time (executedAt, processedAt) to the commit of its batch")
                .publishPercentiles(0.5, 0.99)
                .distributionStatisticExpiry(Duration.ofMinutes(1))
                .register(registry);
        Gauge.builder("sink.lag.records", lag, AtomicLong::get).tag("topic", topic)
                .description("Records not read yet in the assigned partitions").register(registry);
        Gauge.builder("sink.rows.per.second", rate, RowRate::perSecond).tag("topic", topic)
                .description("Rows written per second over the last " + RATE_WINDOW_SECONDS + " s").register(registry);
    }

    public double rowsWritten() {
        return rowsWritten.count();
    }

    public double rowsDuplicate() {
        return rowsDuplicate.count();
    }

    public double batches() {
        return batches.count();
    }

    public double writeErrors() {
        return writeErrors.count();
    }

    public double recordsSkipped() {
        return recordsSkipped.count();
    }

    public double commitErrors() {
        return commitErrors.count();
    }

    public double rowsRejected() {
        return rowsRejected.count();
    }

    /** Records not read yet in the assigned partitions, as of the last poll. */
    public long lag() {
        return lag.get();
    }

    /** Rows written per second over the last ten seconds. */
    public double rowsPerSecond() {
        return rate.perSecond();
    }

    public Timer rowDelay() {
        return rowDelay;
    }

    void written(WriteResult result) {
        rowsWritten.increment(result.inserted() + result.unknown());
        rowsDuplicate.increment(result.duplicates());
        batches.increment();
        rate.add(System.nanoTime(), result.inserted() + result.unknown());
    }

    void delay(long millis) {
        rowDelay.record(Math.max(0, millis), TimeUnit.MILLISECONDS);
    }

    void lag(long records) {
        lag.set(records);
    }

    void writeFailed() {
        writeErrors.increment();
    }

    void skipped() {
        recordsSkipped.increment();
    }

    void rejected() {
        rowsRejected.increment();
    }

    void commitFailed() {
        commitErrors.increment();
    }

    private static Counter counter(MeterRegistry registry, String name, String topic, String description) {
        return Counter.builder(name).tag("topic", topic).description(description).register(registry);
    }

    /** Rows per second over a sliding window of whole seconds; read from the metrics thread, written by the sink. */
    static final class RowRate {

        private final long windowNanos;
        private final Deque<long[]> samples = new ArrayDeque<>();
        private long total;

        RowRate(int windowSeconds) {
            this.windowNanos = TimeUnit.SECONDS.toNanos(windowSeconds);
        }

        synchronized void add(long nowNanos, long rows) {
            samples.addLast(new long[] {nowNanos, rows});
            total += rows;
            expire(nowNanos);
        }

        synchronized double perSecond() {
            expire(System.nanoTime());
            return total / (double) TimeUnit.NANOSECONDS.toSeconds(windowNanos);
        }

        private void expire(long nowNanos) {
            while (!samples.isEmpty() && nowNanos - samples.peekFirst()[0] > windowNanos) {
                total -= samples.removeFirst()[1];
            }
        }
    }
}
