package io.tradingengine.sink;

import io.tradingengine.avro.OrderResult;
import io.tradingengine.avro.Trade;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Collects consumed records (trades and order results) until a batch is due: when it holds {@code batchSize}
 * records, or when its oldest record has waited {@code flushIntervalMillis}. Time is passed in, so the rules are
 * tested without a clock. Not thread-safe: owned by the sink's polling thread.
 */
public final class TradeBuffer {

    private final int batchSize;
    private final long flushIntervalMillis;
    private final List<TradeRow> rows = new ArrayList<>();
    private final List<OrderResultRow> orderResults = new ArrayList<>();
    private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
    private final Map<TopicPartition, Integer> recordsByPartition = new HashMap<>();
    private int records;
    private long firstRecordAtMillis;

    public TradeBuffer(int batchSize, long flushIntervalMillis) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        if (flushIntervalMillis < 1) {
            throw new IllegalArgumentException("flushIntervalMillis must be positive, got " + flushIntervalMillis);
        }
        this.batchSize = batchSize;
        this.flushIntervalMillis = flushIntervalMillis;
    }

    /** Adds a decoded trade read at {@code offset} of {@code partition}. */
    public void add(TopicPartition partition, long offset, Trade trade, long nowMillis) {
        rows.add(new TradeRow(trade, partition, offset));
        track(partition, offset, nowMillis);
    }

    /** Adds a decoded order result read at {@code offset} of {@code partition}. */
    public void addOrderResult(TopicPartition partition, long offset, OrderResult result, long nowMillis) {
        orderResults.add(new OrderResultRow(result, partition, offset));
        track(partition, offset, nowMillis);
    }

    /**
     * Records that the record at {@code offset} was consumed but has nothing to write (it could not be decoded):
     * its offset is committed with the next batch, so it is not read again.
     */
    public void skip(TopicPartition partition, long offset, long nowMillis) {
        track(partition, offset, nowMillis);
    }

    public boolean isEmpty() {
        return records == 0;
    }

    /** Consumed records (written or skipped) since the last drain. */
    public int size() {
        return records;
    }

    /** True when a batch is due: full, or its oldest record has waited the flush interval. */
    public boolean shouldFlush(long nowMillis) {
        return records > 0 && (records >= batchSize || nowMillis - firstRecordAtMillis >= flushIntervalMillis);
    }

    /** How long the poll loop may wait before the next batch is due; the full interval when empty. */
    public long millisUntilFlush(long nowMillis) {
        if (records == 0) {
            return flushIntervalMillis;
        }
        if (records >= batchSize) {
            return 0;
        }
        return Math.max(0, firstRecordAtMillis + flushIntervalMillis - nowMillis);
    }

    /** Hands out everything collected as one batch and empties the buffer. */
    public SinkBatch drain() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        nextOffsets.forEach((partition, next) -> offsets.put(partition, new OffsetAndMetadata(next)));
        SinkBatch batch = new SinkBatch(rows, orderResults, offsets);
        rows.clear();
        orderResults.clear();
        nextOffsets.clear();
        recordsByPartition.clear();
        records = 0;
        return batch;
    }

    /**
     * Forgets the records of partitions this instance no longer owns; their offsets were not committed, so the new
     * owner reads them again.
     */
    public void removePartitions(Collection<TopicPartition> partitions) {
        Set<TopicPartition> gone = Set.copyOf(partitions);
        rows.removeIf(row -> gone.contains(row.source()));
        orderResults.removeIf(row -> gone.contains(row.source()));
        for (TopicPartition partition : gone) {
            nextOffsets.remove(partition);
            Integer removed = recordsByPartition.remove(partition);
            records -= removed == null ? 0 : removed;
        }
    }

    private void track(TopicPartition partition, long offset, long nowMillis) {
        if (records == 0) {
            firstRecordAtMillis = nowMillis;
        }
        records++;
        recordsByPartition.merge(partition, 1, Integer::sum);
        // The committed offset is the next one to read: one past the last consumed record.
        nextOffsets.merge(partition, offset + 1, Math::max);
    }
}
