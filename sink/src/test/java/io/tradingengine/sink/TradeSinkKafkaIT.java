package io.tradingengine.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingengine.avro.Trade;
import io.tradingengine.embedded.EmbeddedKafka;
import io.tradingengine.schemas.Topics;
import io.tradingengine.schemas.registry.InMemorySchemaStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink on the real embedded Kafka broker and the machine's PostgreSQL: trades produced in transactions reach
 * the table once each, aborted transactions never do, and a restarted sink resumes from its committed offsets.
 */
class TradeSinkKafkaIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int PARTITIONS = 2;

    @TempDir
    static Path kafkaDir;

    private static EmbeddedKafka kafka;
    private static TestDatabase database;
    private static Admin admin;

    private final Topics topics = new Topics(new InMemorySchemaStore(), true);
    private final Serializer<Trade> serializer = topics.trades.valueSerde().serializer();

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

    private String topic;

    @BeforeEach
    void createTopicAndEmptyTable(TestInfo test) throws Exception {
        // One topic per test: the broker is shared, and a new consumer group reads its topic from the start.
        topic = "trades-" + test.getTestMethod().orElseThrow().getName();
        admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        database.execute("TRUNCATE trades");
    }

    @Test
    void shouldWriteEveryCommittedTradeOnceAndNoAbortedTrade() throws Exception {
        String group = "sink-it-committed";
        Map<TopicPartition, Long> committedEnds;
        try (KafkaProducer<String, byte[]> producer = transactionalProducer("tx-committed")) {
            producer.beginTransaction();
            for (int i = 0; i < 20; i++) {
                send(producer, TestTrades.trade("committed-" + i, "assessment-" + (i % 4)));
            }
            // A redelivered trade (same id) and an undecodable record in the same transaction.
            send(producer, TestTrades.trade("committed-3", "assessment-3"));
            producer.send(new ProducerRecord<>(topic, "assessment-0",
                    "garbage".getBytes(StandardCharsets.UTF_8)));
            producer.commitTransaction();
            committedEnds = endOffsets();

            producer.beginTransaction();
            for (int i = 0; i < 5; i++) {
                send(producer, TestTrades.trade("aborted-" + i, "assessment-" + i));
            }
            producer.flush();
            producer.abortTransaction();
        }

        try (TradeSink sink = sink(group)) {
            sink.start();
            Poll.until(TIMEOUT, "offsets past the committed transaction", () -> committedThrough(group, committedEnds));
            assertThat(database.count("SELECT count(*) FROM trades")).isEqualTo(20);
            assertThat(database.count("SELECT count(*) FROM trades WHERE trade_id LIKE 'aborted-%'")).isZero();
            assertThat(sink.metrics().recordsSkipped()).isEqualTo(1);
            assertThat(sink.metrics().rowsWritten()).isEqualTo(20);
        }
    }

    @Test
    void shouldResumeFromCommittedOffsetsAfterARestart() throws Exception {
        String group = "sink-it-restart";
        try (KafkaProducer<String, byte[]> producer = transactionalProducer("tx-restart")) {
            producer.beginTransaction();
            for (int i = 0; i < 10; i++) {
                send(producer, TestTrades.trade("first-" + i, "assessment-1"));
            }
            producer.commitTransaction();

            try (TradeSink sink = sink(group)) {
                sink.start();
                Poll.until(TIMEOUT, "first ten rows",
                        () -> database.count("SELECT count(*) FROM trades WHERE trade_id LIKE 'first-%'") == 10);
                Map<TopicPartition, Long> firstEnds = endOffsets();
                Poll.until(TIMEOUT, "offsets committed", () -> committedThrough(group, firstEnds));
            }

            producer.beginTransaction();
            for (int i = 0; i < 10; i++) {
                send(producer, TestTrades.trade("second-" + i, "assessment-1"));
            }
            producer.commitTransaction();
        }
        Map<TopicPartition, Long> secondEnds = endOffsets();

        try (TradeSink restarted = sink(group)) {
            restarted.start();
            Poll.until(TIMEOUT, "offsets committed", () -> committedThrough(group, secondEnds));
            assertThat(database.count("SELECT count(*) FROM trades")).isEqualTo(20);
            // The restarted sink read only what was new: it never saw the first ten again.
            assertThat(restarted.metrics().rowsWritten()).isEqualTo(10);
            assertThat(restarted.metrics().rowsDuplicate()).isZero();
        }
    }

    private TradeSink sink(String group) {
        SinkConfig config = SinkConfig.of(database.target())
                .withGroupId(group)
                .withBatching(7, Duration.ofMillis(100));
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                TradeSink.consumerProperties(config, kafka.bootstrapServers()), new StringDeserializer(),
                new ByteArrayDeserializer());
        return new TradeSink(config, topic, consumer, topics.trades.valueSerde().deserializer(),
                new TradeWriter(database.dataSource(), new PostgresDialect()), new SimpleMeterRegistry());
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
        producer.send(new ProducerRecord<>(topic, trade.getAssessmentId(), serializer.serialize(topic, trade)));
    }

    /** The end offset of every partition of this test's topic now. */
    private Map<TopicPartition, Long> endOffsets() throws Exception {
        Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, PARTITIONS)
                .mapToObj(p -> new TopicPartition(topic, p))
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    /**
     * True when the group has committed every record before {@code ends}: the committed offset may stop at a
     * partition's final transaction marker (end - 1) or pass it.
     */
    private static boolean committedThrough(String group, Map<TopicPartition, Long> ends) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            OffsetAndMetadata offset = committed.get(end.getKey());
            long position = offset == null ? 0 : offset.offset();
            if (position < end.getValue() - 1) {
                return false;
            }
        }
        return true;
    }
}
