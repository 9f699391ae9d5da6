package io.tradingengine.app.replay;

import io.tradingengine.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * The last tick of every market before the replayed range starts, so the shadow has the prices the live engine had
 * at that moment (else the first orders would be rejected with NO_PRICE). Each {@code prices} partition is read
 * backwards from the range's start, a window at a time, until every market that hashes to it (the markets named in
 * {@code markets}) has a tick, or the partition's beginning or a bound is reached.
 */
final class PriceSeed {

    static final int WINDOW = 2_000;
    static final int MAX_SCANNED_PER_PARTITION = 500_000;
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private PriceSeed() {
    }

    /** The seed ticks (records of {@code prices}), to feed before the range. */
    static List<ConsumerRecord<byte[], byte[]>> find(Consumer<byte[], byte[]> consumer, ReplayRange range,
                                                     Map<TopicPartition, Long> beginnings, Set<String> markets) {
        int partitions = range.partitions(Topics.PRICES);
        List<ConsumerRecord<byte[], byte[]>> seed = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            TopicPartition partition = new TopicPartition(Topics.PRICES, p);
            Set<String> expected = new HashSet<>();
            for (String market : markets) {
                if (partitionOf(market, partitions) == p) {
                    expected.add(market);
                }
            }
            long begin = beginnings.getOrDefault(partition, 0L);
            seed.addAll(scan(consumer, partition, begin, range.start().get(partition), expected));
        }
        consumer.assign(List.of());
        return seed;
    }

    /** The partition the default partitioner gives a key (murmur2 of its UTF-8 bytes). */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static List<ConsumerRecord<byte[], byte[]>> scan(Consumer<byte[], byte[]> consumer,
                                                              TopicPartition partition, long begin, long start,
                                                              Set<String> expected) {
        Map<String, ConsumerRecord<byte[], byte[]>> latest = new HashMap<>();
        long high = start;
        long scanned = 0;
        while (high > begin && scanned < MAX_SCANNED_PER_PARTITION && !latest.keySet().containsAll(expected)) {
            long low = Math.max(begin, high - WINDOW);
            Map<String, ConsumerRecord<byte[], byte[]>> window = read(consumer, partition, low, high);
            window.forEach(latest::putIfAbsent);
            scanned += high - low;
            high = low;
            if (expected.isEmpty()) {
                // No market is known: one window is as far as it is worth looking.
                break;
            }
        }
        return new ArrayList<>(latest.values());
    }

    /** The last record per key in {@code [low, high)}. */
    private static Map<String, ConsumerRecord<byte[], byte[]>> read(Consumer<byte[], byte[]> consumer,
                                                                     TopicPartition partition, long low, long high) {
        Map<String, ConsumerRecord<byte[], byte[]>> last = new HashMap<>();
        consumer.assign(List.of(partition));
        consumer.seek(partition, low);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (consumer.position(partition, TIMEOUT) < high && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL).records(partition)) {
                if (record.offset() < high && record.key() != null) {
                    last.put(new String(record.key(), StandardCharsets.UTF_8), record);
                }
            }
        }
        return last;
    }
}
