package io.tradingengine.app.replay;

import io.tradingengine.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * The offsets a replay reads, {@code [start, end)} per partition of the four source topics. The order flow
 * ({@code orders}, {@code prices}) starts at the given offsets or time; the reference data ({@code assessments},
 * {@code markets}) is read from the beginning, so the shadow knows every assessment and market that existed. All end
 * at {@code --to-timestamp} (the first record at or after it is not read) or at the end of the committed records.
 *
 * @param start first offset per partition
 * @param end   end offset (exclusive) per partition
 * @param from  the time the order flow starts (the earliest record at a given offset when started by offsets)
 */
record ReplayRange(Map<TopicPartition, Long> start, Map<TopicPartition, Long> end, Instant from) {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Resolves the spec with a read-committed consumer (its end offsets are the last stable offsets). */
    static ReplayRange resolve(Consumer<byte[], byte[]> consumer, ReplaySpec spec) {
        Map<TopicPartition, Long> start = new HashMap<>();
        Map<TopicPartition, Long> end = new HashMap<>();
        for (String topic : ReplayTopics.SOURCES) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            Map<TopicPartition, Long> first = consumer.beginningOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Long> last = consumer.endOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Long> until = spec.to() == null ? last : atTime(consumer, partitions, spec.to(), last);
            start.putAll(first);
            end.putAll(until);
        }
        Instant from = spec.from();
        Map<TopicPartition, Long> given = new HashMap<>();
        for (ReplaySpec.OffsetStart offset : spec.fromOffsets()) {
            TopicPartition partition = new TopicPartition(offset.topic(), offset.partition());
            if (!end.containsKey(partition)) {
                throw new IllegalArgumentException("--from-offset: " + partition + " does not exist");
            }
            given.put(partition, Math.max(offset.offset(), start.get(partition)));
        }
        if (from == null) {
            from = earliestTimestamp(consumer, given, end);
        }
        for (String topic : List.of(Topics.ORDERS, Topics.PRICES)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            Map<TopicPartition, Long> last = consumer.endOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Long> byTime = atTime(consumer, partitions, from, last);
            for (TopicPartition partition : partitions) {
                start.put(partition, given.getOrDefault(partition, byTime.get(partition)));
            }
        }
        start.replaceAll((partition, offset) -> Math.min(offset, end.get(partition)));
        return new ReplayRange(Map.copyOf(start), Map.copyOf(end), from);
    }

    /** Records in range. */
    long size() {
        return end.entrySet().stream().mapToLong(e -> Math.max(0, e.getValue() - start.get(e.getKey()))).sum();
    }

    /** Partition counts per source topic. */
    int partitions(String topic) {
        return (int) end.keySet().stream().filter(p -> p.topic().equals(topic)).count();
    }

    private static List<TopicPartition> partitions(Consumer<byte[], byte[]> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist; is this the engine's cluster?");
        }
        return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    /** The first offset at or after {@code at} per partition, else the end. */
    private static Map<TopicPartition, Long> atTime(Consumer<byte[], byte[]> consumer,
                                                    List<TopicPartition> partitions, Instant at,
                                                    Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, at.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, TIMEOUT);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp hit = found.get(partition);
            offsets.put(partition, hit == null ? ends.get(partition) : Math.min(hit.offset(), ends.get(partition)));
        }
        return offsets;
    }

    /** The smallest timestamp of the records at the given offsets (the first committed record from each on). */
    private static Instant earliestTimestamp(Consumer<byte[], byte[]> consumer, Map<TopicPartition, Long> given,
                                             Map<TopicPartition, Long> end) {
        long earliest = Long.MAX_VALUE;
        for (Map.Entry<TopicPartition, Long> entry : given.entrySet()) {
            if (entry.getValue() >= end.get(entry.getKey())) {
                continue;
            }
            consumer.assign(List.of(entry.getKey()));
            consumer.seek(entry.getKey(), entry.getValue());
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                List<ConsumerRecord<byte[], byte[]>> records = consumer.poll(Duration.ofMillis(200))
                        .records(entry.getKey());
                if (!records.isEmpty()) {
                    earliest = Math.min(earliest, records.get(0).timestamp());
                    break;
                }
                if (consumer.position(entry.getKey()) >= end.get(entry.getKey())) {
                    break;
                }
            }
        }
        consumer.assign(List.of());
        // Nothing to read at the given offsets: the other partitions start at their end too.
        return earliest == Long.MAX_VALUE ? Instant.now() : Instant.ofEpochMilli(earliest);
    }
}
