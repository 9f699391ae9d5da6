package io.tradingengine.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingengine.avro.OrderResult;
import io.tradingengine.avro.Trade;
import io.tradingengine.embedded.EmbeddedKafka;
import io.tradingengine.schemas.Topics;
import io.tradingengine.schemas.registry.InMemorySchemaStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink on the real embedded Kafka broker and the machine's PostgreSQL: trades and order results produced in
 * transactions reach the tables once each, aborted transactions never do, a restarted sink resumes from the positions
 * in the database, and a sink killed in the middle of a batch (before or after the database commit) leaves, once
 * restarted, exactly the topic's rows in the tables.
 */
class TradeSinkKafkaIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int PARTITIONS = 2;

    @TempDir
    static Path kafkaDir;

    private static EmbeddedKafka kafka;
    private static TestDatabase database;
    private static Admin admin;

    private final Topics topics = new Topics(new InMemorySchemaStore(), true);

    private TradeSink.SinkTopics sinkTopics;

    @BeforeAll
    static void startKafkaAndDatabase() throws Exception {
        kafka = EmbeddedKafka.start(kafkaDir, 0);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        database = TestDatabase.migrated();
    }

    @AfterAll
    static void stopKafkaAndDatabase() throws SQLException {
        admin.close();
        kafka.close();
        database.close();
    }

    @BeforeEach
    void createTopicsAndEmptyTables(TestInfo test) throws Exception {
        // Topics per test: the broker is shared, and a new consumer group reads its topics from the start.
        String name = test.getTestMethod().orElseThrow().getName();
        sinkTopics = new TradeSink.SinkTopics("trades-" + name, "results-" + name);
        admin.createTopics(List.of(new NewTopic(sinkTopics.trades(), PARTITIONS, (short) 1),
                new NewTopic(sinkTopics.orderResults(), PARTITIONS, (short) 1))).all().get();
        database.truncateAll();
    }

    @Test
    void shouldWriteEveryCommittedRecordOnceAndNoAbortedOne() throws Exception {
        String group = "sink-it-committed";
        try (KafkaProducer<String, byte[]> producer = transactionalProducer("tx-committed")) {
            producer.beginTransaction();
            for (int i = 0; i < 20; i++) {
                send(producer, TestTrades.trade("committed-" + i, "assessment-" + (i % 4)));
                send(producer, TestTrades.filled("order-" + i, "assessment-" + (i % 4)));
            }
            // A redelivered trade (same id) and an undecodable record in the same transaction.
            send(producer, TestTrades.trade("committed-3", "assessment-3"));
            producer.send(new ProducerRecord<>(sinkTopics.trades(), "assessment-0",
                    "garbage".getBytes(StandardCharsets.UTF_8)));
            producer.commitTransaction();

            producer.beginTransaction();
            for (int i = 0; i < 5; i++) {
                send(producer, TestTrades.trade("aborted-" + i, "assessment-" + i));
                send(producer, TestTrades.filled("aborted-order-" + i, "assessment-" + i));
            }
            producer.flush();
            producer.abortTransaction();
        }
        Map<TopicPartition, Long> ends = endOffsets();

        try (TradeSink sink = sink(group, SinkWriter.CommitHooks.NONE)) {
            sink.start();
            Poll.until(TIMEOUT, "positions past the aborted transaction", () -> storedThrough(group, ends));
            assertThat(database.count("SELECT count(*) FROM trades")).isEqualTo(20);
            assertThat(database.count("SELECT count(*) FROM order_results")).isEqualTo(20);
            assertThat(database.count("SELECT count(*) FROM trades WHERE trade_id LIKE 'aborted-%'")).isZero();
            assertThat(database.count("SELECT count(*) FROM order_results WHERE order_id LIKE 'aborted-%'")).isZero();
            assertThat(sink.metrics().recordsSkipped()).isEqualTo(1);
            assertThat(sink.metrics().rowsWritten()).isEqualTo(20);
            assertThat(sink.metrics().rowsDuplicate()).isEqualTo(1);
            Poll.until(TIMEOUT, "no lag", () -> sink.metrics().lag() == 0 && sink.orderResultMetrics().lag() == 0);
        }
    }

    @Test
    void shouldResumeFromTheStoredPositionsAfterARestart() throws Exception {
        String group = "sink-it-restart";
        try (KafkaProducer<String, byte[]> producer = transactionalProducer("tx-restart")) {
            producer.beginTransaction();
            for (int i = 0; i < 10; i++) {
                send(producer, TestTrades.trade("first-" + i, "assessment-1"));
            }
            producer.commitTransaction();

            try (TradeSink sink = sink(group, SinkWriter.CommitHooks.NONE)) {
                sink.start();
                Map<TopicPartition, Long> firstEnds = endOffsets();
                Poll.until(TIMEOUT, "positions stored", () -> storedThrough(group, firstEnds));
            }

            producer.beginTransaction();
            for (int i = 0; i < 10; i++) {
                send(producer, TestTrades.trade("second-" + i, "assessment-1"));
            }
            producer.commitTransaction();
        }
        Map<TopicPartition, Long> secondEnds = endOffsets();

        try (TradeSink restarted = sink(group, SinkWriter.CommitHooks.NONE)) {
            restarted.start();
            Poll.until(TIMEOUT, "positions stored", () -> storedThrough(group, secondEnds));
            assertThat(database.count("SELECT count(*) FROM trades")).isEqualTo(20);
            // The restarted sink read only what was new: it never saw the first ten again.
            assertThat(restarted.metrics().rowsWritten()).isEqualTo(10);
            assertThat(restarted.metrics().rowsDuplicate()).isZero();
        }
    }

    @Test
    void shouldHoldExactlyTheTopicsRowsAfterAKillInTheMiddleOfABatchAndARestart() throws Exception {
        assertExactlyOnceAcrossAKill("sink-it-kill-before", true);
    }

    @Test
    void shouldHoldExactlyTheTopicsRowsAfterAKillBetweenTheDatabaseAndKafkaCommits() throws Exception {
        assertExactlyOnceAcrossAKill("sink-it-kill-after", false);
    }

    @Test
    void shouldResinkFromAPointInTimeAndRefuseWhileTheSinkRuns() throws Exception {
        String group = "sink-it-reset";
        Instant early = Instant.parse("2025-03-01T10:00:00Z");
        Instant late = Instant.parse("2025-03-01T11:00:00Z");
        try (KafkaProducer<String, byte[]> producer = transactionalProducer("tx-reset")) {
            producer.beginTransaction();
            for (int i = 0; i < 10; i++) {
                Instant at = i < 5 ? early : late;
                Trade trade = TestTrades.trade("R-" + i, "assessment-1", at);
                producer.send(new ProducerRecord<>(sinkTopics.trades(), i % PARTITIONS, at.toEpochMilli(),
                        trade.getAssessmentId(), topics.trades.valueSerde().serializer()
                        .serialize(sinkTopics.trades(), trade)));
            }
            producer.commitTransaction();
        }
        Map<TopicPartition, Long> ends = endOffsets();
        try (TradeSink sink = sink(group, SinkWriter.CommitHooks.NONE)) {
            sink.start();
            Poll.until(TIMEOUT, "positions stored", () -> storedThrough(group, ends));
            Poll.until(TIMEOUT, "the group joined", () -> !admin.describeConsumerGroups(List.of(group)).all().get()
                    .get(group).members().isEmpty());
            assertThatThrownBy(() -> SinkReset.toTimestamp(admin, database.dataSource(), group, sinkTopics.all(),
                    late)).isInstanceOf(IllegalStateException.class).hasMessageContaining("active member");
        }
        // Rows lost after the point (a restored backup, say): the reset writes them again, and only them.
        database.execute("DELETE FROM trades WHERE executed_at >= '" + late + "'");
        database.execute("DELETE FROM trade_keys WHERE executed_at >= '" + late + "'");
        Poll.until(TIMEOUT, "the group empty", () -> admin.describeConsumerGroups(List.of(group)).all().get()
                .get(group).members().isEmpty());

        Map<TopicPartition, Long> positions = SinkReset.toTimestamp(admin, database.dataSource(), group,
                sinkTopics.all(), late);

        assertThat(positions).containsKeys(new TopicPartition(sinkTopics.trades(), 0),
                new TopicPartition(sinkTopics.orderResults(), 1));
        try (TradeSink resumed = sink(group, SinkWriter.CommitHooks.NONE)) {
            resumed.start();
            Poll.until(TIMEOUT, "the rows after the point again", () -> ids("SELECT trade_id FROM trades").size()
                    == 10);
            assertThat(resumed.metrics().rowsWritten()).isEqualTo(5);
            assertThat(resumed.metrics().rowsDuplicate()).as("nothing before the point was read").isZero();
        }
    }

    /**
     * Produces 300 trades and 150 results, kills a first sink at its third batch (before its database commit: the
     * batch's rows were inserted and are rolled back; or right after it: Kafka never hears of the batch), and
     * restarts another. The tables must then hold exactly the topics' ids, and the restarted sink must not have
     * read anything the database already held (no duplicates met).
     */
    private void assertExactlyOnceAcrossAKill(String group, boolean beforeCommit) throws Exception {
        Set<String> tradeIds = new HashSet<>();
        Set<String> orderIds = new HashSet<>();
        try (KafkaProducer<String, byte[]> producer = transactionalProducer("tx-" + group)) {
            for (int tx = 0; tx < 6; tx++) {
                producer.beginTransaction();
                for (int i = 0; i < 50; i++) {
                    String id = tx + "-" + i;
                    send(producer, TestTrades.trade("T-" + id, "assessment-" + (i % 7)));
                    tradeIds.add("T-" + id);
                    if (i % 2 == 0) {
                        send(producer, TestTrades.filled("o-" + id, "assessment-" + (i % 7)));
                        orderIds.add("o-" + id);
                    }
                }
                producer.commitTransaction();
            }
        }
        Map<TopicPartition, Long> ends = endOffsets();

        AtomicReference<TradeSink> victim = new AtomicReference<>();
        AtomicInteger batches = new AtomicInteger();
        SinkWriter.CommitHooks crash = new SinkWriter.CommitHooks() {
            @Override
            public void beforeCommit() throws SQLException {
                if (beforeCommit && batches.incrementAndGet() == 3) {
                    victim.get().kill();
                    throw new SQLException("killed before the commit", "08006");
                }
            }

            @Override
            public void afterCommit() {
                if (!beforeCommit && batches.incrementAndGet() == 3) {
                    victim.get().kill();
                }
            }
        };
        try (TradeSink first = sink(group, crash)) {
            victim.set(first);
            first.start();
            Poll.until(TIMEOUT, "the first sink killed", () -> batches.get() >= 3 && !first.isRunning());
        }
        long rowsAfterKill = database.count("SELECT count(*) FROM trades")
                + database.count("SELECT count(*) FROM order_results");
        assertThat(rowsAfterKill).as("some batches, not all").isPositive()
                .isLessThan(tradeIds.size() + orderIds.size());

        try (TradeSink restarted = sink(group, SinkWriter.CommitHooks.NONE)) {
            restarted.start();
            Poll.until(TIMEOUT, "positions at the end", () -> storedThrough(group, ends));
            assertThat(ids("SELECT trade_id FROM trades")).isEqualTo(tradeIds);
            assertThat(ids("SELECT order_id FROM order_results")).isEqualTo(orderIds);
            assertThat(restarted.metrics().rowsDuplicate() + restarted.orderResultMetrics().rowsDuplicate())
                    .as("the restarted sink started where the database stopped").isZero();
            assertThat(restarted.metrics().rowsWritten() + restarted.orderResultMetrics().rowsWritten())
                    .isEqualTo(tradeIds.size() + orderIds.size() - rowsAfterKill);
        }
    }

    private TradeSink sink(String group, SinkWriter.CommitHooks hooks) {
        SinkConfig config = SinkConfig.of(database.target())
                .withGroupId(group)
                .withBatching(40, Duration.ofMillis(100));
        Map<String, Object> properties = TradeSink.consumerProperties(config, kafka.bootstrapServers());
        // Small polls, so that batches are made by size rather than by whatever one fetch returned.
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 25);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new ByteArrayDeserializer());
        return new TradeSink(config, sinkTopics, consumer, topics.trades.valueSerde().deserializer(),
                topics.orderResults.valueSerde().deserializer(), new SinkWriter(database.target().batchingDataSource(),
                null, new OffsetStore(group), SinkWriter.WriteMode.INSERT, hooks), new SimpleMeterRegistry());
    }

    private KafkaProducer<String, byte[]> transactionalProducer(String transactionalId) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
        return producer;
    }

    private void send(KafkaProducer<String, byte[]> producer, Trade trade) {
        producer.send(new ProducerRecord<>(sinkTopics.trades(), trade.getAssessmentId(),
                topics.trades.valueSerde().serializer().serialize(sinkTopics.trades(), trade)));
    }

    private void send(KafkaProducer<String, byte[]> producer, OrderResult result) {
        producer.send(new ProducerRecord<>(sinkTopics.orderResults(), result.getAssessmentId(),
                topics.orderResults.valueSerde().serializer().serialize(sinkTopics.orderResults(), result)));
    }

    /** The end offset of every partition of this test's topics now. */
    private Map<TopicPartition, Long> endOffsets() throws Exception {
        Map<TopicPartition, OffsetSpec> latest = sinkTopics.all().stream()
                .flatMap(topic -> IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(topic, p)))
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    /**
     * True when the database holds a position for every partition at or past {@code ends}: the stored position may
     * stop at a partition's final transaction marker (end - 1) or pass it.
     */
    private static boolean storedThrough(String group, Map<TopicPartition, Long> ends) throws SQLException {
        Map<TopicPartition, Long> stored = new OffsetStore(group).loadAll(database.dataSource());
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            long position = stored.getOrDefault(end.getKey(), 0L);
            if (end.getValue() > 0 && position < end.getValue() - 1) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> ids(String sql) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection conn = database.dataSource().getConnection(); Statement statement = conn.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                assertThat(ids.add(rs.getString(1))).as("one row per id: " + rs.getString(1)).isTrue();
            }
        }
        return ids;
    }
}
