package io.tradingengine.app.replay;

import io.tradingengine.avro.Market;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.schemas.Topics;
import io.tradingengine.topology.StoreNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Tells when a shadow application has processed everything fed to it: its consumer group has committed every
 * record of its input copies (written without transactions: committed = end) and of its repartition topics
 * (written in transactions: committed = end, or end - 1 when the last entry is a commit marker), and its global
 * stores hold the last record of {@code prices-latest} and {@code markets-latest} for every key. Committed offsets
 * are read before the end offsets, so a record that appears in between is seen as unprocessed.
 */
final class ShadowProgress implements AutoCloseable {

    private static final long CHECK_INTERVAL_MILLIS = 25;
    private static final long ADMIN_TIMEOUT_SECONDS = 30;
    private static final Duration POLL = Duration.ofMillis(50);
    private static final int MAX_TAIL_POLLS = 200;

    private final Admin admin;
    private final ReplayTopics names;
    private final KafkaStreams streams;
    private final Consumer<byte[], byte[]> latest;
    private final Deserializer<PriceTick> prices;
    private final Deserializer<Market> markets;
    private final List<TopicPartition> inputs = new ArrayList<>();
    private final List<TopicPartition> repartitions = new ArrayList<>();
    private final Map<String, byte[]> latestPrices = new HashMap<>();
    private final Map<String, byte[]> latestMarkets = new HashMap<>();
    private final Set<String> unverifiedPrices = new HashSet<>();
    private final Set<String> unverifiedMarkets = new HashSet<>();
    private long checks;

    ShadowProgress(Admin admin, ReplayTopics names, KafkaStreams streams, Consumer<byte[], byte[]> latest,
                   Topics topics) throws ExecutionException, InterruptedException, TimeoutException {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.names = names;
        this.streams = streams;
        this.latest = latest;
        this.prices = topics.prices.valueSerde().deserializer();
        this.markets = topics.markets.valueSerde().deserializer();
        List<String> inputTopics = ReplayTopics.SOURCES.stream().map(names::of).toList();
        inputs.addAll(partitions(inputTopics));
        List<TopicPartition> latestPartitions = partitions(List.of(names.of("prices-latest"),
                names.of("markets-latest")));
        latest.assign(latestPartitions);
        latest.seekToBeginning(latestPartitions);
    }

    /**
     * Waits until the shadow is idle.
     *
     * @throws IllegalStateException when the deadline passes first, or the shadow stopped
     */
    void awaitIdle(long deadlineNanos) throws ExecutionException, InterruptedException,
            TimeoutException {
        while (true) {
            checks++;
            KafkaStreams.State state = streams.state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
                    || state == KafkaStreams.State.PENDING_SHUTDOWN) {
                throw new IllegalStateException("the shadow application stopped (" + state + ")");
            }
            if (groupIdle() && globalStoresCaughtUp()) {
                return;
            }
            if (System.nanoTime() > deadlineNanos) {
                throw new IllegalStateException("replay timed out waiting for the shadow application to process "
                        + "what it was fed");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(CHECK_INTERVAL_MILLIS));
        }
    }

    /** How many times idleness was checked (for the summary: a measure of the lock-step's cost). */
    long checks() {
        return checks;
    }

    private boolean groupIdle() throws ExecutionException, InterruptedException,
            TimeoutException {
        if (repartitions.stream().map(TopicPartition::topic).distinct().count() < names.repartitionTopics().size()) {
            refreshRepartitions();
        }
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(names.applicationId())
                .partitionsToOffsetAndMetadata().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<TopicPartition> all = new ArrayList<>(inputs);
        all.addAll(repartitions);
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        all.forEach(partition -> specs.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(specs,
                        new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        for (TopicPartition partition : inputs) {
            if (position(committed, partition) < ends.get(partition).offset()) {
                return false;
            }
        }
        for (TopicPartition partition : repartitions) {
            long end = ends.get(partition).offset();
            if (end > 0 && position(committed, partition) < end - 1) {
                return false;
            }
        }
        return true;
    }

    private static long position(Map<TopicPartition, OffsetAndMetadata> committed, TopicPartition partition) {
        OffsetAndMetadata offset = committed.get(partition);
        return offset == null ? 0 : offset.offset();
    }

    /** Kafka Streams creates the repartition topics when it starts; until then there is nothing to wait for. */
    private void refreshRepartitions() throws ExecutionException, InterruptedException,
            TimeoutException {
        Set<String> existing = admin.listTopics().names().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<String> wanted = names.repartitionTopics().stream().filter(existing::contains).toList();
        repartitions.clear();
        repartitions.addAll(partitions(wanted));
    }

    /**
     * Reads {@code prices-latest} and {@code markets-latest} to their ends and checks that the global stores hold
     * each key's last value.
     */
    private boolean globalStoresCaughtUp() {
        Set<TopicPartition> assigned = latest.assignment();
        Map<TopicPartition, Long> ends = latest.endOffsets(assigned, Duration.ofSeconds(ADMIN_TIMEOUT_SECONDS));
        boolean behind = true;
        for (int polls = 0; behind; polls++) {
            if (polls > MAX_TAIL_POLLS) {
                return false;
            }
            for (ConsumerRecord<byte[], byte[]> record : latest.poll(POLL)) {
                if (record.key() == null || record.value() == null) {
                    continue;
                }
                String key = new String(record.key(), StandardCharsets.UTF_8);
                if (record.topic().equals(names.of("prices-latest"))) {
                    latestPrices.put(key, record.value());
                    unverifiedPrices.add(key);
                } else {
                    latestMarkets.put(key, record.value());
                    unverifiedMarkets.add(key);
                }
            }
            behind = false;
            for (TopicPartition partition : assigned) {
                behind |= latest.position(partition) < ends.get(partition);
            }
        }
        try {
            ReadOnlyKeyValueStore<String, PriceTick> priceStore = streams.store(StoreQueryParameters
                    .fromNameAndType(StoreNames.PRICES, QueryableStoreTypes.<String, PriceTick>keyValueStore()));
            ReadOnlyKeyValueStore<String, Market> marketStore = streams.store(StoreQueryParameters
                    .fromNameAndType(StoreNames.MARKETS, QueryableStoreTypes.<String, Market>keyValueStore()));
            unverifiedPrices.removeIf(key -> Objects.equals(priceStore.get(key),
                    prices.deserialize(names.of("prices-latest"), latestPrices.get(key))));
            unverifiedMarkets.removeIf(key -> Objects.equals(marketStore.get(key),
                    markets.deserialize(names.of("markets-latest"), latestMarkets.get(key))));
        } catch (InvalidStateStoreException e) {
            return false;
        }
        return unverifiedPrices.isEmpty() && unverifiedMarkets.isEmpty();
    }

    private List<TopicPartition> partitions(Collection<String> topics) throws ExecutionException,
            InterruptedException, TimeoutException {
        if (topics.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<TopicPartition> partitions = new ArrayList<>();
        descriptions.values().forEach(d -> d.partitions().forEach(p -> partitions.add(
                new TopicPartition(d.name(), p.partition()))));
        return partitions;
    }

    @Override
    public void close() {
        latest.close();
    }
}
