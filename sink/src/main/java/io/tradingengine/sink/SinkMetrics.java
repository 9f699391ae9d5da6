package io.tradingengine.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The sink's counters on a Micrometer registry: {@code sink.rows.written}, {@code sink.rows.duplicate},
 * {@code sink.batches}, {@code sink.write.errors}, {@code sink.records.skipped} (undecodable records),
 * {@code sink.rows.rejected} (rows the database refuses as data) and {@code sink.commit.errors}, each tagged with
 * the topic.
 */
public final class SinkMetrics {

    private final Counter rowsWritten;
    private final Counter rowsDuplicate;
    private final Counter batches;
    private final Counter writeErrors;
    private final Counter recordsSkipped;
    private final Counter commitErrors;
    private final Counter rowsRejected;

    public SinkMetrics(MeterRegistry registry, String topic) {
        this.rowsWritten = counter(registry, "sink.rows.written", topic, "Rows inserted into the database");
        this.rowsDuplicate = counter(registry, "sink.rows.duplicate", topic,
                "Rows skipped because their trade id was already written");
        this.batches = counter(registry, "sink.batches", topic, "Batches committed to the database");
        this.writeErrors = counter(registry, "sink.write.errors", topic,
                "Failed attempts to write a batch (the batch is retried)");
        this.recordsSkipped = counter(registry, "sink.records.skipped", topic,
                "Records that could not be deserialized, logged and skipped");
        this.commitErrors = counter(registry, "sink.commit.errors", topic,
                "Failed offset commits after a written batch (records are redelivered, inserts are idempotent)");
        this.rowsRejected = counter(registry, "sink.rows.rejected", topic,
                "Rows the database refused as data, logged and left out of their batch");
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

    void written(WriteResult result) {
        rowsWritten.increment(result.inserted() + result.unknown());
        rowsDuplicate.increment(result.duplicates());
        batches.increment();
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
}
