package io.tradingengine.topology;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Sends every record to every partition of its topic (Kafka Streams multicast, KIP-837): a price tick or a market's
 * end leaves the market desk once per assessment-desk partition, whatever the number of holders, and each
 * assessment task finds the holders among its own assessments in its local holders index. The cost of a tick is
 * therefore one record per partition plus one evaluation per holder, and no holder registration has to travel
 * between the desks.
 */
final class BroadcastPartitioner<K, V> implements StreamPartitioner<K, V> {

    private final ConcurrentMap<Integer, Optional<Set<Integer>>> all = new ConcurrentHashMap<>();

    @Override
    public Optional<Set<Integer>> partitions(String topic, K key, V value, int numPartitions) {
        return all.computeIfAbsent(numPartitions, n -> Optional.of(
                IntStream.range(0, n).boxed().collect(Collectors.toUnmodifiableSet())));
    }
}
