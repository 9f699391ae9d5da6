package io.tradingengine.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingengine.avro.OrderResult;
import io.tradingengine.avro.Trade;
import io.tradingengine.schemas.Topics;
import io.tradingengine.schemas.registry.InMemorySchemaStore;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sink's poll loop on Kafka's own {@link MockConsumer} (offsets and commits observable) against the real
 * PostgreSQL: positions stored with the rows and read back at assignment, Kafka commits after the database,
 * skipping undecodable records, and keeping a batch while the database fails.
 */
class TradeSinkLoopIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String GROUP = "loop-it";
    private static final TopicPartition P0 = new TopicPartition(Topics.TRADES, 0);
    private static final TopicPartition P1 = new TopicPartition(Topics.TRADES, 1);
    private static final TopicPartition R0 = new TopicPartition(Topics.ORDER_RESULTS, 0);

    private static TestDatabase database;

    private final Topics topics = new Topics(new InMemorySchemaStore(), true);
    private final Serializer<Trade> serializer = topics.trades.valueSerde().serializer();
    private MockConsumer<String, byte[]> consumer;
    private TradeSink sink;

    @BeforeAll
    static void createSchema() throws SQLException {
        database = TestDatabase.migrated();
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        database.close();
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        database.truncateAll();
    }

    private void startSink() {
        consumer = new MockConsumer<>("earliest");
        SinkConfig config = SinkConfig.of(database.target())
                .withGroupId(GROUP)
                .withBatching(2, Duration.ofMillis(50))
                .withMaxRetryBackoff(Duration.ofMillis(200));
        sink = new TradeSink(config, TradeSink.SinkTopics.LIVE, consumer, topics.trades.valueSerde().deserializer(),
                topics.orderResults.valueSerde().deserializer(), new SinkWriter(database.target().batchingDataSource(),
                new PostgresDialect(), new OffsetStore(GROUP), SinkWriter.WriteMode.INSERT), new SimpleMeterRegistry());
        consumer.schedulePollTask(() -> {
            consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L, R0, 0L));
            consumer.rebalance(List.of(P0, P1, R0));
        });
        sink.start();
    }

    @AfterEach
    void stopSink() {
        if (sink != null) {
            sink.close();
        }
    }

    @Test
    void shouldWriteConsumedTradesAndResultsWithTheirPositionsAndCommitToKafkaAfterTheDatabase() throws Exception {
        startSink();
        send(P0, 0, TestTrades.trade("t-0", "a-1"));
        send(P0, 1, TestTrades.trade("t-1", "a-1"));
        send(P1, 0, TestTrades.trade("t-2", "a-2"));
        sendResult(R0, 0, TestTrades.filled("o-0", "a-1"));

        Poll.until(TIMEOUT, "three rows", () -> rows() == 3);
        Poll.until(TIMEOUT, "one result", () -> database.count("SELECT count(*) FROM order_results") == 1);
        Poll.until(TIMEOUT, "offsets committed", () -> committed(P0) == 2 && committed(P1) == 1
                && committed(R0) == 1);
        assertThat(new OffsetStore(GROUP).loadAll(database.dataSource()))
                .containsEntry(P0, 2L).containsEntry(P1, 1L).containsEntry(R0, 1L);
        assertThat(sink.metrics().rowsWritten()).isEqualTo(3);
        assertThat(sink.orderResultMetrics().rowsWritten()).isEqualTo(1);
        assertThat(sink.metrics().batches()).isGreaterThanOrEqualTo(2);
        assertThat(sink.metrics().rowDelay().count()).isEqualTo(3);
        assertThat(sink.isRunning()).isTrue();
    }

    @Test
    void shouldStartFromThePositionsStoredInTheDatabaseNotFromKafkasCommittedOffsets() throws Exception {
        // The database says 2 rows of P0 are written; Kafka (committed 0) would have the sink read them again.
        new OffsetStore(GROUP).replace(database.dataSource(), Map.of(P0, 2L));
        startSink();
        consumer.commitSync(Map.of(P0, new OffsetAndMetadata(0)));
        send(P0, 0, TestTrades.trade("t-0", "a-1"));
        send(P0, 1, TestTrades.trade("t-1", "a-1"));
        send(P0, 2, TestTrades.trade("t-2", "a-1"));
        send(P0, 3, TestTrades.trade("t-3", "a-1"));

        Poll.until(TIMEOUT, "offsets committed", () -> committed(P0) == 4);
        assertThat(database.count("SELECT count(*) FROM trades WHERE trade_id IN ('t-2', 't-3')")).isEqualTo(2);
        assertThat(database.count("SELECT count(*) FROM trades WHERE trade_id IN ('t-0', 't-1')")).isZero();
    }

    @Test
    void shouldWriteARedeliveredTradeOnce() throws Exception {
        startSink();
        send(P0, 0, TestTrades.trade("t-0", "a-1"));
        send(P0, 1, TestTrades.trade("t-0", "a-1"));
        send(P0, 2, TestTrades.trade("t-0", "a-1"));

        Poll.until(TIMEOUT, "offsets committed", () -> committed(P0) == 3);
        assertThat(rows()).isEqualTo(1);
        assertThat(sink.metrics().rowsDuplicate()).isEqualTo(2);
    }

    @Test
    void shouldSkipAndCommitAnUndecodableRecord() throws Exception {
        startSink();
        consumer.schedulePollTask(() -> consumer.addRecord(
                new ConsumerRecord<>(Topics.TRADES, 0, 0, "a-1", "not avro".getBytes(StandardCharsets.UTF_8))));
        send(P0, 1, TestTrades.trade("t-1", "a-1"));

        Poll.until(TIMEOUT, "offsets past the bad record", () -> committed(P0) == 2);
        assertThat(rows()).isEqualTo(1);
        assertThat(sink.metrics().recordsSkipped()).isEqualTo(1);
        assertThat(sink.isRunning()).isTrue();
    }

    @Test
    void shouldKeepTheBatchUncommittedWhileTheDatabaseFailsAndWriteItWhenItIsBack() throws Exception {
        startSink();
        Poll.until(TIMEOUT, "running", () -> sink.isRunning());
        database.execute("ALTER TABLE trades RENAME TO trades_away");
        try {
            send(P0, 0, TestTrades.trade("t-0", "a-1"));
            send(P0, 1, TestTrades.trade("t-1", "a-1"));
            send(P1, 0, TestTrades.trade("t-2", "a-2"));

            Poll.until(TIMEOUT, "two failed attempts", () -> sink.metrics().writeErrors() >= 2);
            assertThat(sink.isWaitingForDatabase()).isTrue();
            assertThat(committed(P0)).isEqualTo(-1);
            assertThat(consumer.paused()).isNotEmpty();
        } finally {
            database.execute("ALTER TABLE trades_away RENAME TO trades");
        }

        Poll.until(TIMEOUT, "all rows after recovery", () -> rows() == 3);
        Poll.until(TIMEOUT, "offsets committed", () -> committed(P0) == 2 && committed(P1) == 1);
        assertThat(sink.isWaitingForDatabase()).isFalse();
        assertThat(consumer.paused()).isEmpty();
    }

    @Test
    void shouldLeaveOutARowTheDatabaseRefusesAndWriteTheRest() throws Exception {
        startSink();
        // PostgreSQL text cannot hold a NUL character (SQL state 22021); Avro strings can.
        Trade refused = TestTrades.trade("t-nul", "a-1");
        refused.setMarket("BTC\u0000USD");
        send(P0, 0, TestTrades.trade("t-0", "a-1"));
        send(P0, 1, refused);

        Poll.until(TIMEOUT, "offsets committed", () -> committed(P0) == 2);
        assertThat(rows()).isEqualTo(1);
        assertThat(sink.metrics().rowsRejected()).isEqualTo(1);
    }

    @Test
    void shouldStopWhenClosed() throws Exception {
        startSink();
        Poll.until(TIMEOUT, "running", () -> sink.isRunning());

        sink.close();

        assertThat(sink.isRunning()).isFalse();
        assertThat(consumer.closed()).isTrue();
    }

    private void send(TopicPartition partition, long offset, Trade trade) {
        byte[] value = serializer.serialize(Topics.TRADES, trade);
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(partition.topic(),
                partition.partition(), offset, trade.getAssessmentId(), value)));
    }

    private void sendResult(TopicPartition partition, long offset, OrderResult result) {
        byte[] value = topics.orderResults.valueSerde().serializer().serialize(Topics.ORDER_RESULTS, result);
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(partition.topic(),
                partition.partition(), offset, result.getAssessmentId(), value)));
    }

    private long committed(TopicPartition partition) {
        OffsetAndMetadata offset = consumer.committed(Set.of(partition)).get(partition);
        return offset == null ? -1 : offset.offset();
    }

    private long rows() throws SQLException {
        return database.count("SELECT count(*) FROM trades");
    }
}
