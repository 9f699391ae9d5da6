package io.tradingengine.app.replay;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads {@code [start, end)} of many partitions as one stream in time order (timestamp, then the topic order of
 * {@link ReplayTopics#SOURCES}, partition, offset), plus a few records read elsewhere (the price seed). Holds at
 * most one poll's worth of records per partition: partitions with records waiting are paused. Owns the consumer.
 */
final class MergedReader implements AutoCloseable {

    /** Time order of records of the source topics. */
    static final Comparator<ConsumerRecord<byte[], byte[]>> TIME_ORDER = Comparator
            .<ConsumerRecord<byte[], byte[]>>comparingLong(ConsumerRecord::timestamp)
            .thenComparingInt(record -> ReplayTopics.SOURCES.indexOf(record.topic()))
            .thenComparingInt(ConsumerRecord::partition)
            .thenComparingLong(ConsumerRecord::offset);

    private static final Duration POLL = Duration.ofMillis(200);

    private final Consumer<byte[], byte[]> consumer;
    private final Map<TopicPartition, Long> end;
    private final Map<TopicPartition, Deque<ConsumerRecord<byte[], byte[]>>> buffers = new HashMap<>();
    private final Set<TopicPartition> fetching = new HashSet<>();
    private final Deque<ConsumerRecord<byte[], byte[]>> extra;
    private final long deadlineNanos;
    private long read;

    MergedReader(Consumer<byte[], byte[]> consumer, Map<TopicPartition, Long> start, Map<TopicPartition, Long> end,
                 List<ConsumerRecord<byte[], byte[]>> extra, long deadlineNanos) {
        this.consumer = consumer;
        this.end = Map.copyOf(end);
        List<ConsumerRecord<byte[], byte[]>> sorted = new ArrayList<>(extra);
        sorted.sort(TIME_ORDER);
        this.extra = new ArrayDeque<>(sorted);
        this.deadlineNanos = deadlineNanos;
        List<TopicPartition> assigned = new ArrayList<>();
        for (Map.Entry<TopicPartition, Long> entry : start.entrySet()) {
            if (entry.getValue() < end.get(entry.getKey())) {
                assigned.add(entry.getKey());
                buffers.put(entry.getKey(), new ArrayDeque<>());
            }
        }
        consumer.assign(assigned);
        for (TopicPartition partition : assigned) {
            consumer.seek(partition, start.get(partition));
        }
        fetching.addAll(assigned);
    }

    /** The next record in time order, or null when every range is read. */
    ConsumerRecord<byte[], byte[]> next() {
        fill();
        ConsumerRecord<byte[], byte[]> first = extra.peekFirst();
        TopicPartition from = null;
        for (Map.Entry<TopicPartition, Deque<ConsumerRecord<byte[], byte[]>>> buffer : buffers.entrySet()) {
            ConsumerRecord<byte[], byte[]> head = buffer.getValue().peekFirst();
            if (head != null && (first == null || TIME_ORDER.compare(head, first) < 0)) {
                first = head;
                from = buffer.getKey();
            }
        }
        if (first == null) {
            return null;
        }
        read++;
        return from == null ? extra.removeFirst() : buffers.get(from).removeFirst();
    }

    /** Records handed out so far. */
    long read() {
        return read;
    }

    /** Polls until every partition still being read has a record waiting (or is read to its end). */
    private void fill() {
        while (true) {
            List<TopicPartition> needy = new ArrayList<>();
            for (TopicPartition partition : fetching) {
                if (buffers.get(partition).isEmpty()) {
                    needy.add(partition);
                }
            }
            if (needy.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadlineNanos) {
                throw new IllegalStateException("replay timed out reading its source topics");
            }
            consumer.pause(consumer.assignment());
            consumer.resume(needy);
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() < end.get(partition)) {
                    buffers.get(partition).addLast(record);
                }
            }
            for (TopicPartition partition : needy) {
                if (consumer.position(partition, POLL) >= end.get(partition)) {
                    fetching.remove(partition);
                }
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
