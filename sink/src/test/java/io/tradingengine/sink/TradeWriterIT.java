package io.tradingengine.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingengine.avro.Trade;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TradeWriterIT {

    private static final TopicPartition P2 = new TopicPartition("trades", 2);

    private static TestDatabase database;
    private TradeWriter writer;

    @BeforeAll
    static void createSchema() throws SQLException {
        database = TestDatabase.migrated();
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        database.close();
    }

    @BeforeEach
    void openWriter() throws SQLException {
        database.execute("TRUNCATE trades");
        writer = new TradeWriter(database.dataSource(), new PostgresDialect());
    }

    @AfterEach
    void closeWriter() {
        writer.close();
    }

    @Test
    void shouldWriteTheSameTradeOnceWhenItIsDeliveredTwice() throws SQLException {
        TradeRow row = new TradeRow(TestTrades.trade("trade-1", "assessment-1"), P2, 41);

        WriteResult first = writer.write(List.of(row));
        WriteResult second = writer.write(List.of(new TradeRow(row.trade(), P2, 99)));

        assertThat(first).isEqualTo(new WriteResult(1, 0, 0));
        assertThat(second).isEqualTo(new WriteResult(0, 1, 0));
        assertThat(database.count("SELECT count(*) FROM trades")).isEqualTo(1);
        assertThat(database.count("SELECT kafka_offset FROM trades WHERE trade_id = 'trade-1'")).isEqualTo(41);
    }

    @Test
    void shouldWriteATradeIdOnceWhenItAppearsTwiceInOneBatch() throws SQLException {
        Trade trade = TestTrades.trade("trade-1", "assessment-1");

        WriteResult result = writer.write(List.of(new TradeRow(trade, P2, 1), new TradeRow(trade, P2, 2),
                new TradeRow(TestTrades.trade("trade-2", "assessment-1"), P2, 3)));

        assertThat(result).isEqualTo(new WriteResult(2, 1, 0));
        assertThat(database.count("SELECT count(*) FROM trades")).isEqualTo(2);
    }

    @Test
    void shouldStoreEveryFieldOfTheTradeExactly() throws SQLException {
        Trade trade = TestTrades.trade("trade-9", "assessment-9");
        trade.setOrderId(null);

        writer.write(List.of(new TradeRow(trade, P2, 7)));

        try (Connection conn = database.dataSource().getConnection();
                PreparedStatement statement = conn.prepareStatement("SELECT * FROM trades WHERE trade_id = ?")) {
            statement.setString(1, "trade-9");
            try (ResultSet rs = statement.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("order_id")).isNull();
                assertThat(rs.getString("assessment_id")).isEqualTo("assessment-9");
                assertThat(rs.getString("user_id")).isEqualTo("user-1");
                assertThat(rs.getString("market")).isEqualTo("BTC/USD");
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

    @Test
    void shouldWriteNothingOfABatchWithARowTheDatabaseRefuses() {
        Trade tooBig = TestTrades.trade("trade-big", "assessment-1");
        tooBig.setQuantity(new BigDecimal("1000000000000000000000.000000000000000000"));

        assertThatThrownBy(() -> writer.write(List.of(
                new TradeRow(TestTrades.trade("trade-ok", "assessment-1"), P2, 1), new TradeRow(tooBig, P2, 2))))
                .isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(TradeWriter.isDataError(e)).isTrue());

        assertThat(countQuietly()).isZero();
    }

    @Test
    void shouldLeaveOutOnlyTheRefusedRowWhenWritingRowByRow() throws SQLException {
        Trade tooBig = TestTrades.trade("trade-big", "assessment-1");
        tooBig.setQuantity(new BigDecimal("1000000000000000000000.000000000000000000"));
        List<TradeRow> rejected = new ArrayList<>();

        WriteResult result = writer.writeRowByRow(List.of(
                new TradeRow(TestTrades.trade("trade-a", "assessment-1"), P2, 1), new TradeRow(tooBig, P2, 2),
                new TradeRow(TestTrades.trade("trade-b", "assessment-1"), P2, 3)), rejected::add);

        assertThat(result).isEqualTo(new WriteResult(2, 0, 0));
        assertThat(rejected).extracting(row -> row.trade().getTradeId()).containsExactly("trade-big");
        assertThat(database.count("SELECT count(*) FROM trades")).isEqualTo(2);
    }

    @Test
    void shouldRecoverOnAFreshConnectionAfterAFailure() throws SQLException {
        database.execute("ALTER TABLE trades RENAME TO trades_away");
        try {
            assertThatThrownBy(() -> writer.write(List.of(
                    new TradeRow(TestTrades.trade("trade-1", "assessment-1"), P2, 1))))
                    .isInstanceOf(SQLException.class);
        } finally {
            database.execute("ALTER TABLE trades_away RENAME TO trades");
        }

        WriteResult result = writer.write(List.of(new TradeRow(TestTrades.trade("trade-1", "assessment-1"), P2, 1)));

        assertThat(result.inserted()).isEqualTo(1);
    }

    private long countQuietly() {
        try {
            return database.count("SELECT count(*) FROM trades");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
