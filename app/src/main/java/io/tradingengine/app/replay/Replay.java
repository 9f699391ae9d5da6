package io.tradingengine.app.replay;

import io.tradingengine.avro.OrderResult;
import io.tradingengine.avro.Trade;
import io.tradingengine.schemas.Topics;
import io.tradingengine.schemas.serde.SchemaRegistryClient;
import io.tradingengine.sink.SinkReset;
import io.tradingengine.topology.DeadLetterDeserializationHandler;
import io.tradingengine.topology.StreamsSettings;
import io.tradingengine.topology.TradingTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a shadow copy of the topology over a range of the live {@code orders} and {@code prices} (with every
 * assessment and market known by then), with its own application id, state and {@code replay.<name>.*} topics, and
 * summarizes what it did. The live engine and its topics are only read.
 *
 * <p>Steps: resolve the range ({@link ReplayRange}) and the last tick of every market before it
 * ({@link PriceSeed}); create the shadow's topics; start the shadow ({@link TradingTopology#build(
 * io.tradingengine.topology.TopologyConfig, Topics, io.tradingengine.topology.TopicNaming)}); copy the records in
 * time order into its input topics, in lock-step ({@link ReplayFeeder}, {@link ShadowProgress}); read its
 * {@code order-results} and {@code trades} into a {@link ReplaySummary}; stop it. The shadow's output topics stay
 * for inspection; {@code --replace} deletes them on the next replay of the same name.
 */
public final class Replay {

    private static final Logger LOG = LoggerFactory.getLogger(Replay.class);
    private static final long ADMIN_TIMEOUT_SECONDS = 60;
    private static final Duration POLL = Duration.ofMillis(200);

    private final String bootstrapServers;
    private final SchemaRegistryClient registry;

    public Replay(String bootstrapServers, SchemaRegistryClient registry) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Runs the replay to its end and returns its summary; the shadow is stopped before this returns. */
    public ReplaySummary run(ReplaySpec spec) throws ExecutionException, InterruptedException, TimeoutException {
        long started = System.nanoTime();
        long deadline = started + spec.timeout().toNanos();
        ReplayTopics names = new ReplayTopics(spec.name());
        Topics topics = new Topics(registry, true);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            prepare(admin, names, spec, deadline);
            ReplayRange range;
            List<ConsumerRecord<byte[], byte[]>> seed;
            try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
                range = ReplayRange.resolve(consumer, spec);
                seed = PriceSeed.find(consumer, range, beginnings(consumer, range), marketIds(consumer, range));
            }
            LOG.info("Replay {}: {} source records from {}, {} seed ticks", names.name(), range.size(), range.from(),
                    seed.size());
            admin.createTopics(names.newTopics(topics, range.partitions(Topics.ORDERS),
                    range.partitions(Topics.PRICES))).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);

            KafkaStreams streams = new KafkaStreams(TradingTopology.build(spec.topology(), topics, names.naming()),
                    streamsProperties(names, spec));
            ReplayFeeder.FeedStats fed;
            try {
                streams.start();
                try (KafkaProducer<byte[], byte[]> producer = producer();
                        ShadowProgress progress = new ShadowProgress(admin, names, streams, consumer(), topics);
                        MergedReader reader = new MergedReader(consumer(), range.start(), range.end(), seed,
                                deadline)) {
                    awaitRunning(streams, deadline);
                    fed = new ReplayFeeder(producer, names, topics.orders.valueSerde().deserializer(),
                            progress::awaitIdle, spec.lockstep()).feed(reader, deadline);
                }
            } finally {
                streams.close(Duration.ofSeconds(30));
            }
            ReplaySummary.Builder summary = new ReplaySummary.Builder();
            readOutputs(names, topics, summary, deadline);
            return summary.build(names.name(), fed.records(), fed.epochs(),
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** Refuses to reuse a replay's name unless asked to replace it; then deletes its topics, group and state. */
    private void prepare(Admin admin, ReplayTopics names, ReplaySpec spec, long deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> existing = new HashSet<>(admin.listTopics().names().get(ADMIN_TIMEOUT_SECONDS,
                TimeUnit.SECONDS));
        existing.removeIf(topic -> !names.owns(topic));
        if (!existing.isEmpty()) {
            if (!spec.replace()) {
                throw new IllegalStateException("replay '" + names.name() + "' exists (" + existing.size()
                        + " topics, e.g. " + existing.iterator().next() + "); use --replace or another --as");
            }
            SinkReset.requireInactive(admin, names.applicationId());
            admin.deleteTopics(existing).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            while (admin.listTopics().names().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS).stream()
                    .anyMatch(existing::contains)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the topics of replay '" + names.name() + "' are not deleted");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
        try {
            admin.deleteConsumerGroups(List.of(names.applicationId())).all().get(ADMIN_TIMEOUT_SECONDS,
                    TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupNotEmptyException) {
                throw new IllegalStateException("replay '" + names.name() + "' is running elsewhere", e.getCause());
            }
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw e;
            }
        }
        deleteRecursively(spec.stateDir().resolve(names.applicationId()));
    }

    private Properties streamsProperties(ReplayTopics names, ReplaySpec spec) {
        Properties properties = StreamsSettings.properties(names.applicationId(), bootstrapServers,
                spec.stateDir().toString(), null);
        properties.put(DeadLetterDeserializationHandler.TOPIC_PREFIX_CONFIG, names.naming().prefix());
        return properties;
    }

    private static void awaitRunning(KafkaStreams streams, long deadline) {
        while (streams.state() != KafkaStreams.State.RUNNING) {
            KafkaStreams.State state = streams.state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("the shadow application stopped while starting (" + state + ")");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the shadow application did not start in time");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    /** Reads the shadow's order results and trades to their ends. */
    private void readOutputs(ReplayTopics names, Topics topics, ReplaySummary.Builder summary, long deadline) {
        String results = names.of(Topics.ORDER_RESULTS);
        String trades = names.of(Topics.TRADES);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = Stream.of(results, trades)
                    .flatMap(topic -> consumer.partitionsFor(topic, POLL.multipliedBy(50)).stream()
                            .map(info -> new TopicPartition(topic, info.partition())))
                    .toList();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("replay timed out reading the shadow's outputs");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.topic().equals(results)) {
                        summary.add((OrderResult) topics.orderResults.valueSerde().deserializer()
                                .deserialize(results, record.value()));
                    } else {
                        summary.add((Trade) topics.trades.valueSerde().deserializer().deserialize(trades,
                                record.value()));
                    }
                }
            }
        }
    }

    /** Every market id in {@code markets} within the range (the topic is compacted and small). */
    private static Set<String> marketIds(KafkaConsumer<byte[], byte[]> consumer, ReplayRange range) {
        Set<String> markets = new HashSet<>();
        Map<TopicPartition, Long> start = new HashMap<>();
        range.start().forEach((partition, offset) -> {
            if (partition.topic().equals(Topics.MARKETS) && offset < range.end().get(partition)) {
                start.put(partition, offset);
            }
        });
        consumer.assign(start.keySet());
        start.forEach(consumer::seek);
        while (start.keySet().stream().anyMatch(p -> consumer.position(p) < range.end().get(p))) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                if (record.key() != null) {
                    markets.add(new String(record.key(), StandardCharsets.UTF_8));
                }
            }
        }
        consumer.assign(List.of());
        return markets;
    }

    private static Map<TopicPartition, Long> beginnings(KafkaConsumer<byte[], byte[]> consumer, ReplayRange range) {
        return consumer.beginningOffsets(range.end().keySet().stream()
                .filter(p -> p.topic().equals(Topics.PRICES)).toList());
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> properties = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> properties = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
