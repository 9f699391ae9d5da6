package io.tradingengine.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingengine.avro.Trade;
import io.tradingengine.embedded.EmbeddedKafka;
import io.tradingengine.embedded.EmbeddedPostgres;
import io.tradingengine.schemas.Topics;
import io.tradingengine.schemas.registry.InMemorySchemaStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database really goes away: an embedded PostgreSQL server is stopped under a running sink and started again
 * on the same data and port. Nothing is lost, nothing is written twice, and a sink that starts while the database is
 * down waits for it before reading anything.
 */
class DatabaseOutageIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String GROUP = "sink-outage-it";

    @TempDir
    static Path dir;

    private static EmbeddedKafka kafka;
    private static EmbeddedPostgres postgres;
    private static int postgresPort;
    private static KafkaProducer<String, byte[]> producer;

    private final Topics topics = new Topics(new InMemorySchemaStore(), true);
    private final TradeSink.SinkTopics sinkTopics = new TradeSink.SinkTopics("trades-outage", "results-outage");
    private final Set<String> produced = new HashSet<>();

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        postgres = EmbeddedPostgres.start(dir.resolve("postgres"), 0);
        postgresPort = postgres.port();
        Migrations.migrate(target());
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stop() {
        producer.close();
        postgres.close();
        kafka.close();
    }

    @Test
    void shouldLoseNothingWhileTheDatabaseIsDownAndCatchUpWhenItIsBack() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(sinkTopics.trades(), 2, (short) 1),
                    new NewTopic(sinkTopics.orderResults(), 2, (short) 1))).all().get();
        }

        try (TradeSink sink = sink()) {
            sink.start();
            produce("before", 50);
            Poll.until(TIMEOUT, "the first rows", () -> tradeIds().size() == 50);

            postgres.close();
            produce("during", 50);
            Poll.until(TIMEOUT, "the sink waiting for the database", sink::isWaitingForDatabase);
            assertThat(sink.metrics().writeErrors()).isPositive();

            postgres = EmbeddedPostgres.start(dir.resolve("postgres"), postgresPort);
            Poll.until(TIMEOUT, "every row after the outage", () -> tradeIds().equals(produced));
            Poll.until(TIMEOUT, "the sink recovered", () -> !sink.isWaitingForDatabase());
            assertThat(sink.metrics().rowsDuplicate()).isZero();
        }

        // A sink that starts while the database is down reads nothing until it knows where to start.
        postgres.close();
        produce("offline-start", 30);
        try (TradeSink late = sink()) {
            late.start();
            Poll.until(TIMEOUT, "the new sink waiting for its positions", late::isWaitingForDatabase);

            postgres = EmbeddedPostgres.start(dir.resolve("postgres"), postgresPort);
            Poll.until(TIMEOUT, "every row", () -> tradeIds().equals(produced));
            assertThat(late.metrics().rowsWritten()).isEqualTo(30);
            assertThat(late.metrics().rowsDuplicate()).as("started from the stored positions").isZero();
        }
    }

    private TradeSink sink() {
        SinkConfig config = SinkConfig.of(target()).withGroupId(GROUP)
                .withBatching(20, Duration.ofMillis(100))
                .withMaxRetryBackoff(Duration.ofMillis(500));
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                TradeSink.consumerProperties(config, kafka.bootstrapServers()), new StringDeserializer(),
                new ByteArrayDeserializer());
        return new TradeSink(config, sinkTopics, consumer, topics.trades.valueSerde().deserializer(),
                topics.orderResults.valueSerde().deserializer(), new SinkWriter(config.target().batchingDataSource(),
                null, new OffsetStore(GROUP), SinkWriter.WriteMode.INSERT), new SimpleMeterRegistry());
    }

    private void produce(String prefix, int count) {
        for (int i = 0; i < count; i++) {
            Trade trade = TestTrades.trade(prefix + "-" + i, "assessment-" + (i % 5));
            producer.send(new ProducerRecord<>(sinkTopics.trades(), trade.getAssessmentId(),
                    topics.trades.valueSerde().serializer().serialize(sinkTopics.trades(), trade)));
            produced.add(trade.getTradeId());
        }
        producer.flush();
    }

    private static JdbcTarget target() {
        return JdbcTarget.parse(postgres.postgresUrl());
    }

    /** The trade ids in the table; empty while the database is down. */
    private static Set<String> tradeIds() {
        Set<String> ids = new HashSet<>();
        try (Connection conn = target().dataSource().getConnection(); Statement statement = conn.createStatement();
                ResultSet rs = statement.executeQuery("SELECT trade_id FROM trades")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        } catch (SQLException e) {
            return Set.of();
        }
        return ids;
    }
}
