package io.tradingengine.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingengine.avro.OrderResult;
import io.tradingengine.avro.Trade;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The writer on the machine's PostgreSQL, with batched inserts and with COPY. */
class SinkWriterIT {

    private static final TopicPartition P2 = new TopicPartition("trades", 2);
    private static final TopicPartition R1 = new TopicPartition("order-results", 1);
    private static final String GROUP = "writer-it";

    private static TestDatabase database;
    private SinkWriter writer;

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
        writer = writer(SinkWriter.WriteMode.INSERT, SinkWriter.CommitHooks.NONE);
    }

    @AfterEach
    void closeWriter() {
        writer.close();
    }

    @ParameterizedTest
    @EnumSource(SinkWriter.WriteMode.class)
    void shouldWriteTheSameTradeOnceWhenItIsDeliveredTwice(SinkWriter.WriteMode mode) throws SQLException {
        try (SinkWriter modeWriter = writer(mode, SinkWriter.CommitHooks.NONE)) {
            TradeRow row = new TradeRow(TestTrades.trade("trade-1", "assessment-1"), P2, 41);

            SinkWriter.BatchResult first = modeWriter.write(batch(List.of(row), List.of(), Map.of()));
            SinkWriter.BatchResult second = modeWriter.write(batch(List.of(new TradeRow(row.trade(), P2, 99)),
                    List.of(), Map.of()));

            assertThat(first.trades()).isEqualTo(new WriteResult(1, 0, 0));
            assertThat(second.trades()).isEqualTo(new WriteResult(0, 1, 0));
            assertThat(database.count("SELECT count(*) FROM trades")).isEqualTo(1);
            assertThat(database.count("SELECT kafka_offset FROM trades WHERE trade_id = 'trade-1'")).isEqualTo(41);
        }
    }

    @Test
    void shouldWriteATradeIdOnceEvenWhenItComesBackWithAnotherExecutionTime() throws SQLException {
        // A reprocessed order yields the same trade id at the engine's new wall clock: another partition key.
        writer.write(batch(List.of(new TradeRow(TestTrades.trade("T-o1", "a-1"), P2, 1)), List.of(), Map.of()));

        SinkWriter.BatchResult again = writer.write(batch(List.of(new TradeRow(TestTrades.trade("T-o1", "a-1",
                Instant.parse("2025-07-15T09:00:00Z")), P2, 1)), List.of(), Map.of()));

        assertThat(again.trades()).isEqualTo(new WriteResult(0, 1, 0));
        assertThat(database.count("SELECT count(*) FROM trades")).isEqualTo(1);
    }

    @Test
    void shouldWriteATradeIdOnceWhenItAppearsTwiceInOneBatch() throws SQLException {
        Trade trade = TestTrades.trade("trade-1", "assessment-1");

        SinkWriter.BatchResult result = writer.write(batch(List.of(new TradeRow(trade, P2, 1),
                new TradeRow(trade, P2, 2), new TradeRow(TestTrades.trade("trade-2", "assessment-1"), P2, 3)),
                List.of(), Map.of()));

        assertThat(result.trades()).isEqualTo(new WriteResult(2, 1, 0));
        assertThat(database.count("SELECT count(*) FROM trades")).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(SinkWriter.WriteMode.class)
    void shouldStoreEveryFieldOfTheTradeExactly(SinkWriter.WriteMode mode) throws SQLException {
        Trade trade = TestTrades.trade("trade-9", "assessment-9");
        trade.setOrderId(null);
        trade.setMarket("kalshi:\"QUOTED\",comma");

        try (SinkWriter modeWriter = writer(mode, SinkWriter.CommitHooks.NONE)) {
            modeWriter.write(batch(List.of(new TradeRow(trade, P2, 7)), List.of(), Map.of()));
        }

        try (Connection conn = database.dataSource().getConnection();
                PreparedStatement statement = conn.prepareStatement("SELECT * FROM trades WHERE trade_id = ?")) {
            statement.setString(1, "trade-9");
            try (ResultSet rs = statement.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("order_id")).isNull();
                assertThat(rs.getString("assessment_id")).isEqualTo("assessment-9");
                assertThat(rs.getString("user_id")).isEqualTo("user-1");
                assertThat(rs.getString("market")).isEqualTo("kalshi:\"QUOTED\",comma");
                assertThat(rs.getString("asset_class")).isEqualTo("CRYPTO");
                assertThat(rs.getString("side")).isEqualTo("LONG");
                assertThat(rs.getBigDecimal("quantity")).isEqualTo(trade.getQuantity());
                assertThat(rs.getBigDecimal("price")).isEqualTo(new BigDecimal("65065.000000000000000001"));
                assertThat(rs.getBigDecimal("fee")).isEqualTo(trade.getFee());
                assertThat(rs.getBigDecimal("realized_pnl")).isEqualTo(trade.getRealizedPnl());
                assertThat(rs.getString("kind")).isEqualTo("FILL");
                assertThat(rs.getObject("executed_at", OffsetDateTime.class).toInstant())
                        .isEqualTo(TestTrades.EXECUTED_AT);
                assertThat(rs.getInt("kafka_partition")).isEqualTo(2);
                assertThat(rs.getLong("kafka_offset")).isEqualTo(7);
                assertThat(rs.getObject("inserted_at", OffsetDateTime.class)).isNotNull();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SinkWriter.WriteMode.class)
    void shouldStoreOrderResultsOncePerOrderIdWithEveryField(SinkWriter.WriteMode mode) throws SQLException {
        OrderResult filled = TestTrades.filled("o-1", "a-1");
        OrderResult rejected = TestTrades.rejected("o-2", "a-1", "NO_PRICE");

        try (SinkWriter modeWriter = writer(mode, SinkWriter.CommitHooks.NONE)) {
            SinkWriter.BatchResult result = modeWriter.write(batch(List.of(), List.of(
                    new OrderResultRow(filled, R1, 3), new OrderResultRow(rejected, R1, 4),
                    new OrderResultRow(filled, R1, 5)), Map.of()));
            assertThat(result.orderResults()).isEqualTo(new WriteResult(2, 1, 0));
        }

        assertThat(database.count("SELECT count(*) FROM order_results")).isEqualTo(2);
        try (Connection conn = database.dataSource().getConnection();
                PreparedStatement statement = conn.prepareStatement(
                        "SELECT * FROM order_results WHERE assessment_id = ? ORDER BY processed_at DESC, order_id DESC")) {
            statement.setString(1, "a-1");
            try (ResultSet rs = statement.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("order_id")).isEqualTo("o-2");
                assertThat(rs.getString("status")).isEqualTo("REJECTED");
                assertThat(rs.getString("reason")).isEqualTo("NO_PRICE");
                assertThat(rs.getString("detail")).isEqualTo("no price for DOGE/EUR");
                assertThat(rs.getString("trade_id")).isNull();
                assertThat(rs.getBigDecimal("fill_price")).isNull();
                assertThat(rs.getString("user_id")).isNull();
                assertThat(rs.getBigDecimal("quantity")).isNull();
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("order_id")).isEqualTo("o-1");
                assertThat(rs.getString("status")).isEqualTo("FILLED");
                assertThat(rs.getString("trade_id")).isEqualTo("T-o-1");
                assertThat(rs.getBigDecimal("fill_price")).isEqualTo(filled.getFillPrice());
                assertThat(rs.getBigDecimal("fee")).isEqualTo(filled.getFee());
                assertThat(rs.getString("user_id")).isEqualTo("user-1");
                assertThat(rs.getString("market")).isEqualTo("BTC/USD");
                assertThat(rs.getString("side")).isEqualTo("LONG");
                assertThat(rs.getBigDecimal("quantity")).isEqualTo(filled.getQuantity());
                assertThat(rs.getObject("processed_at", OffsetDateTime.class).toInstant())
                        .isEqualTo(TestTrades.EXECUTED_AT);
                assertThat(rs.getLong("kafka_offset")).isEqualTo(3);
            }
        }
    }

    @Test
    void shouldStoreThePositionsInTheTransactionOfTheRows() throws SQLException {
        writer.write(batch(List.of(new TradeRow(TestTrades.trade("t-1", "a-1"), P2, 9)),
                List.of(new OrderResultRow(TestTrades.filled("o-1", "a-1"), R1, 4)),
                Map.of(P2, new OffsetAndMetadata(10), R1, new OffsetAndMetadata(5))));
        writer.write(batch(List.of(), List.of(), Map.of(P2, new OffsetAndMetadata(12))));

        assertThat(writer.storedOffsets(List.of(P2, R1, new TopicPartition("trades", 0))))
                .containsOnly(Map.entry(P2, 12L), Map.entry(R1, 5L));
        assertThat(new OffsetStore("another-group").loadAll(database.dataSource())).isEmpty();
    }

    @Test
    void shouldCommitNothingWhenTheTransactionFailsBeforeItsCommit() {
        try (SinkWriter crashing = writer(SinkWriter.WriteMode.INSERT, new SinkWriter.CommitHooks() {
            @Override
            public void beforeCommit() throws SQLException {
                throw new SQLException("the process died", "08006");
            }
        })) {
            assertThatThrownBy(() -> crashing.write(batch(List.of(new TradeRow(TestTrades.trade("t-1", "a-1"), P2,
                    0)), List.of(new OrderResultRow(TestTrades.filled("o-1", "a-1"), R1, 0)),
                    Map.of(P2, new OffsetAndMetadata(1))))).isInstanceOf(SQLException.class);
        }

        assertThat(countQuietly("SELECT count(*) FROM trades")).isZero();
        assertThat(countQuietly("SELECT count(*) FROM trade_keys")).isZero();
        assertThat(countQuietly("SELECT count(*) FROM order_results")).isZero();
        assertThat(countQuietly("SELECT count(*) FROM sink_offsets")).isZero();
    }

    @Test
    void shouldRetryASerializationFailureAndAnAmbiguousCommitWithoutWritingTwice() throws SQLException {
        AtomicInteger failures = new AtomicInteger();
        List<String> states = List.of("40001", "40003");
        try (SinkWriter retrying = writer(SinkWriter.WriteMode.INSERT, new SinkWriter.CommitHooks() {
            @Override
            public void beforeCommit() throws SQLException {
                int failure = failures.getAndIncrement();
                if (failure < states.size()) {
                    throw new SQLException("retry", states.get(failure));
                }
            }
        })) {
            SinkWriter.BatchResult result = retrying.write(batch(List.of(
                    new TradeRow(TestTrades.trade("t-1", "a-1"), P2, 0)), List.of(),
                    Map.of(P2, new OffsetAndMetadata(1))));

            assertThat(result.trades()).isEqualTo(new WriteResult(1, 0, 0));
            assertThat(retrying.retries()).isEqualTo(2);
        }
        assertThat(database.count("SELECT count(*) FROM trades")).isEqualTo(1);
    }

    @Test
    void shouldCreateTheMonthPartitionARowNeeds() throws SQLException {
        Instant longAgo = Instant.parse("2019-02-28T23:59:59.999Z");

        writer.write(batch(List.of(new TradeRow(TestTrades.trade("old", "a-1", longAgo), P2, 0)),
                List.of(), Map.of()));

        assertThat(database.count("SELECT count(*) FROM trades_p201902")).isEqualTo(1);
    }

    @Test
    void shouldWriteNothingOfABatchWithARowTheDatabaseRefuses() {
        Trade tooBig = TestTrades.trade("trade-big", "assessment-1");
        tooBig.setQuantity(new BigDecimal("1000000000000000000000.000000000000000000"));

        assertThatThrownBy(() -> writer.write(batch(List.of(
                new TradeRow(TestTrades.trade("trade-ok", "assessment-1"), P2, 1), new TradeRow(tooBig, P2, 2)),
                List.of(), Map.of(P2, new OffsetAndMetadata(3)))))
                .isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(SinkWriter.isDataError(e)).isTrue());

        assertThat(countQuietly("SELECT count(*) FROM trades")).isZero();
        assertThat(countQuietly("SELECT count(*) FROM sink_offsets")).isZero();
    }

    @Test
    void shouldLeaveOutOnlyTheRefusedRowWhenWritingRowByRow() throws SQLException {
        Trade tooBig = TestTrades.trade("trade-big", "assessment-1");
        tooBig.setQuantity(new BigDecimal("1000000000000000000000.000000000000000000"));
        List<Object> rejected = new ArrayList<>();

        SinkWriter.BatchResult result = writer.writeRowByRow(batch(List.of(
                new TradeRow(TestTrades.trade("trade-a", "assessment-1"), P2, 1), new TradeRow(tooBig, P2, 2),
                new TradeRow(TestTrades.trade("trade-b", "assessment-1"), P2, 3)), List.of(),
                Map.of(P2, new OffsetAndMetadata(4))), rejected::add);

        assertThat(result.trades()).isEqualTo(new WriteResult(2, 0, 0));
        assertThat(rejected).extracting(row -> ((TradeRow) row).trade().getTradeId()).containsExactly("trade-big");
        assertThat(database.count("SELECT count(*) FROM trades")).isEqualTo(2);
        assertThat(database.count("SELECT count(*) FROM trade_keys")).as("the refused id is not claimed")
                .isEqualTo(2);
        assertThat(writer.storedOffsets(List.of(P2))).containsEntry(P2, 4L);
    }

    @Test
    void shouldRecoverOnAFreshConnectionAfterAFailure() throws SQLException {
        database.execute("ALTER TABLE trades RENAME TO trades_away");
        try {
            assertThatThrownBy(() -> writer.write(batch(List.of(
                    new TradeRow(TestTrades.trade("trade-1", "assessment-1"), P2, 1)), List.of(), Map.of())))
                    .isInstanceOf(SQLException.class);
        } finally {
            database.execute("ALTER TABLE trades_away RENAME TO trades");
        }

        SinkWriter.BatchResult result = writer.write(batch(List.of(
                new TradeRow(TestTrades.trade("trade-1", "assessment-1"), P2, 1)), List.of(), Map.of()));

        assertThat(result.trades().inserted()).isEqualTo(1);
    }

    private static SinkWriter writer(SinkWriter.WriteMode mode, SinkWriter.CommitHooks hooks) {
        return new SinkWriter(database.target().batchingDataSource(), null, new OffsetStore(GROUP), mode, hooks);
    }

    private static SinkBatch batch(List<TradeRow> trades, List<OrderResultRow> results,
                                   Map<TopicPartition, OffsetAndMetadata> offsets) {
        return new SinkBatch(trades, results, offsets);
    }

    private static long countQuietly(String sql) {
        try {
            return database.count(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
