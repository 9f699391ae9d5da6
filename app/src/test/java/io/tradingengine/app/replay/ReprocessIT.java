package io.tradingengine.app.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingengine.avro.Position;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.avro.Side;
import io.tradingengine.embedded.EmbeddedKafka;
import io.tradingengine.schemas.Topics;
import io.tradingengine.schemas.registry.InMemorySchemaStore;
import io.tradingengine.sink.JdbcTarget;
import io.tradingengine.sink.Migrations;
import io.tradingengine.sink.OffsetStore;
import io.tradingengine.sink.SinkConfig;
import io.tradingengine.sink.TradeSink;
import io.tradingengine.topology.StoreNames;
import io.tradingengine.topology.StreamsSettings;
import io.tradingengine.topology.TopologyConfig;
import io.tradingengine.topology.TradingTopology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live application (topology and sink) on the embedded broker and the machine's PostgreSQL, reprocessed from
 * the beginning with Kafka's reset tool: the reset is refused while the application runs; afterwards the engine
 * rebuilds the same positions, re-emits its results with the same ids, and the database is unchanged.
 */
class ReprocessIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final String APPLICATION_ID = "reprocess-it";
    private static final String SINK_GROUP = "reprocess-it-sink";
    private static final String SERVER_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final Instant T0 = Instant.now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    static Path dir;

    private static EmbeddedKafka kafka;
    private static Admin admin;
    private static String schema;
    private static JdbcTarget database;
    private static final InMemorySchemaStore REGISTRY = new InMemorySchemaStore();
    private static final Topics TOPICS = new Topics(REGISTRY, true);

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        TestFlow.createTopics(admin, TOPICS, 2);
        schema = "reprocess_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10)
                .toLowerCase(Locale.ROOT);
        try (Connection conn = new JdbcTarget(SERVER_URL, "postgres", null).dataSource().getConnection();
                Statement statement = conn.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        database = new JdbcTarget(SERVER_URL + "?currentSchema=" + schema, "postgres", null);
        Migrations.migrate(database);
    }

    @AfterAll
    static void stop() throws SQLException {
        admin.close();
        kafka.close();
        try (Connection conn = new JdbcTarget(SERVER_URL, "postgres", null).dataSource().getConnection();
                Statement statement = conn.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void shouldRebuildTheSamePositionsAndLeaveTheDatabaseUnchanged() throws Exception {
        Path stateDir = dir.resolve("state");
        try (TradeSink sink = new TradeSink(SinkConfig.of(database).withGroupId(SINK_GROUP)
                .withBatching(50, Duration.ofMillis(100)), kafka.bootstrapServers(), TOPICS,
                new SimpleMeterRegistry())) {
            sink.start();
            Map<String, String> positions;
            Map<String, List<String>> rows;
            KafkaStreams live = startEngine(stateDir);
            try (TestFlow flow = new TestFlow(kafka.bootstrapServers(), TOPICS)) {
                flow.market("BTC/USD", T0);
                flow.tick("BTC/USD", "65000", "65010", T0.plusSeconds(1));
                flow.flush();
                await("the tick in the global store", () -> priceKnown(live));
                flow.assessment("A1", "u1", T0.plusSeconds(2));
                flow.assessment("A2", "u2", T0.plusSeconds(2));
                flow.order("o1", "A1", "u1", "BTC/USD", Side.LONG, "0.1", T0.plusSeconds(3));
                flow.order("o2", "A1", "u1", "BTC/USD", Side.LONG, "0.2", T0.plusSeconds(4));
                flow.order("o3", "A1", "u1", "BTC/USD", Side.SHORT, "0.1", T0.plusSeconds(5));
                flow.order("o4", "A2", "u2", "ETH/USD", Side.LONG, "1", T0.plusSeconds(6));
                flow.order("o5", "A2", "u2", "BTC/USD", Side.SHORT, "0.5", T0.plusSeconds(7));
                flow.flush();
            }
            await("five results and four trades in the database", () -> count("order_results") == 5
                    && count("trades") == 4);
            positions = positions(live);
            rows = rows();
            assertThat(positions).hasSize(2);

            assertThatThrownBy(() -> Reprocess.run(admin, kafka.bootstrapServers(), APPLICATION_ID, stateDir,
                    Instant.EPOCH, false)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("active member");
            live.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(30)));
            await("the application's group empty", () -> admin.describeConsumerGroups(List.of(APPLICATION_ID))
                    .all().get().get(APPLICATION_ID).members().isEmpty());

            Reprocess.Result result = Reprocess.run(admin, kafka.bootstrapServers(), APPLICATION_ID, stateDir,
                    Instant.EPOCH, false);

            assertThat(result.exitCode()).isZero();
            assertThat(result.offsets()).containsEntry(new TopicPartition(Topics.ORDERS, 0), 0L)
                    .containsEntry(new TopicPartition(Topics.ASSESSMENTS, 1), 0L);
            assertThat(Files.exists(stateDir.resolve(APPLICATION_ID))).as("local state wiped").isFalse();

            KafkaStreams rebuilt = startEngine(stateDir);
            try {
                await("every order answered again", () -> records(Topics.ORDER_RESULTS) == 10);
                await("the same positions", () -> positions.equals(positions(rebuilt)));
                Map<TopicPartition, Long> ends = ends(List.of(Topics.TRADES, Topics.ORDER_RESULTS));
                await("the sink through the re-emitted records", () -> sinkThrough(ends));
                assertThat(rows()).isEqualTo(rows);
                assertThat(sink.metrics().rowsDuplicate() + sink.orderResultMetrics().rowsDuplicate())
                        .as("every re-emitted row met its id").isEqualTo(9);
            } finally {
                rebuilt.close(Duration.ofSeconds(30));
            }
        }
    }

    private static KafkaStreams startEngine(Path stateDir) {
        KafkaStreams streams = new KafkaStreams(TradingTopology.build(TopologyConfig.defaults(), TOPICS),
                StreamsSettings.properties(APPLICATION_ID, kafka.bootstrapServers(), stateDir.toString(), null));
        streams.start();
        await("the application running", () -> streams.state() == KafkaStreams.State.RUNNING);
        return streams;
    }

    private static boolean priceKnown(KafkaStreams streams) {
        ReadOnlyKeyValueStore<String, PriceTick> prices = streams.store(StoreQueryParameters.fromNameAndType(
                StoreNames.PRICES, QueryableStoreTypes.<String, PriceTick>keyValueStore()));
        return prices.get("BTC/USD") != null;
    }

    /** Quantity, average entry, realized P&L and fees of every position (the mark moves with time; they do not). */
    private static Map<String, String> positions(KafkaStreams streams) {
        Map<String, String> positions = new TreeMap<>();
        try {
            ReadOnlyKeyValueStore<String, Position> store = streams.store(StoreQueryParameters.fromNameAndType(
                    StoreNames.POSITIONS, QueryableStoreTypes.<String, Position>keyValueStore()));
            try (KeyValueIterator<String, Position> all = store.all()) {
                while (all.hasNext()) {
                    KeyValue<String, Position> entry = all.next();
                    Position p = entry.value;
                    positions.put(entry.key, p.getQuantity().toPlainString() + " @ "
                            + p.getAverageEntryPrice().toPlainString() + " realized "
                            + p.getRealizedPnl().toPlainString()
                            + " fees " + p.getFees().toPlainString());
                }
            }
        } catch (InvalidStateStoreException e) {
            return Map.of();
        }
        return positions;
    }

    /** Every row of both tables, every column as text, by id. */
    private static Map<String, List<String>> rows() throws SQLException {
        Map<String, List<String>> rows = new TreeMap<>();
        try (Connection conn = database.dataSource().getConnection(); Statement statement = conn.createStatement()) {
            for (String sql : List.of("SELECT * FROM trades", "SELECT * FROM order_results")) {
                try (ResultSet rs = statement.executeQuery(sql)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        List<String> columns = new ArrayList<>();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            columns.add(meta.getColumnName(i) + "=" + rs.getString(i));
                        }
                        rows.put(rs.getString(1), columns);
                    }
                }
            }
        }
        return rows;
    }

    private static long count(String table) throws SQLException {
        try (Connection conn = database.dataSource().getConnection(); Statement statement = conn.createStatement();
                ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Committed records of a topic (offsets also count transaction markers, so they are read and counted). */
    private static long records(String topic) {
        long records = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                records += consumer.poll(Duration.ofMillis(200)).count();
            }
        }
        return records;
    }

    private static Map<TopicPartition, Long> ends(List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().values().forEach(d -> d.partitions().forEach(p ->
                latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    private static boolean sinkThrough(Map<TopicPartition, Long> ends) throws SQLException {
        Map<TopicPartition, Long> stored = new OffsetStore(SINK_GROUP).loadAll(database.dataSource());
        return ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                || stored.getOrDefault(end.getKey(), 0L) >= end.getValue() - 1);
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(String what, Condition condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            while (!condition.holds()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Timed out after " + TIMEOUT + " waiting for " + what);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("failed waiting for " + what, e);
        }
    }
}
