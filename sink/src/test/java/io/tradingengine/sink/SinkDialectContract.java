package io.tradingengine.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SinkDialect} must do on its own database, written once and run against each (style guide 12):
 * idempotent inserts, id claims where the dialect has them, positions, and the queries of the REST layer on the
 * schema the migrations made. Subclasses give a migrated, empty database.
 */
abstract class SinkDialectContract {

    private static final String HISTORY = "SELECT trade_id, order_id, assessment_id, user_id, market, asset_class, "
            + "side, quantity, price, fee, realized_pnl, kind, executed_at FROM trades WHERE assessment_id = ? "
            + "ORDER BY executed_at DESC, trade_id DESC LIMIT ?";
    private static final String HISTORY_NEXT = "SELECT trade_id FROM trades WHERE assessment_id = ? "
            + "AND (executed_at, trade_id) < (?, ?) ORDER BY executed_at DESC, trade_id DESC LIMIT ?";
    private static final String ORDER_HISTORY = "SELECT order_id, assessment_id, user_id, market, side, quantity, "
            + "status, reason, detail, trade_id, fill_price, fee, processed_at FROM order_results "
            + "WHERE assessment_id = ? ORDER BY processed_at DESC, order_id DESC LIMIT ?";

    protected abstract DataSource dataSource();

    protected abstract SinkDialect dialect();

    /** Empties the tables between tests. */
    protected abstract void truncate() throws SQLException;

    @BeforeEach
    void emptyTables() throws SQLException {
        truncate();
    }

    @Test
    void shouldBeTheDialectDetectedFromTheServer() throws SQLException {
        assertThat(SinkDialects.detect(dataSource())).isInstanceOf(dialect().getClass());
    }

    @Test
    void shouldIgnoreTheInsertOfARowThatExists() throws SQLException {
        TradeRow row = new TradeRow(TestTrades.trade("T-1", "a-1"), new TopicPartition("trades", 0), 1);
        ensureMonth(row.trade().getExecutedAt());

        assertThat(insert(row)).isEqualTo(1);
        assertThat(insert(row)).isZero();
        assertThat(count("SELECT count(*) FROM trades")).isEqualTo(1);
    }

    @Test
    void shouldClaimEachIdOnceWhereTheDialectClaimsIds() throws SQLException {
        assumeTrue(dialect().claimIds(SinkTable.TRADES).isPresent(), "the id is the primary key");

        assertThat(claim(List.of("a", "b"))).containsExactlyInAnyOrder("a", "b");
        assertThat(claim(List.of("b", "c", "c"))).containsExactly("c");
    }

    @Test
    void shouldOverwriteAndReadBackPositionsPerGroup() throws SQLException {
        TopicPartition p0 = new TopicPartition("trades", 0);
        TopicPartition r3 = new TopicPartition("order-results", 3);
        OffsetStore store = new OffsetStore("contract");
        try (Connection conn = dataSource().getConnection()) {
            conn.setAutoCommit(false);
            store.save(conn, dialect(), Map.of(p0, new OffsetAndMetadata(10), r3, new OffsetAndMetadata(4)));
            store.save(conn, dialect(), Map.of(p0, new OffsetAndMetadata(7)));
            new OffsetStore("other").save(conn, dialect(), Map.of(p0, new OffsetAndMetadata(99)));
            conn.commit();

            assertThat(store.load(conn, dialect(), List.of(p0, r3, new TopicPartition("trades", 1))))
                    .containsOnly(Map.entry(p0, 7L), Map.entry(r3, 4L));
        }
        store.replace(dataSource(), Map.of(new TopicPartition("trades", 1), 5L));
        assertThat(store.loadAll(dataSource())).containsOnly(Map.entry(new TopicPartition("trades", 1), 5L),
                Map.entry(r3, 4L));
    }

    @Test
    void shouldServeTheTradeHistoryNewestFirstWithAStableCursor() throws SQLException {
        Instant start = Instant.parse("2025-03-01T00:00:00Z");
        ensureMonth(start);
        List<TradeRow> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            // Pairs of trades share a timestamp: the trade id breaks the tie.
            rows.add(new TradeRow(TestTrades.trade(String.format(Locale.ROOT, "T-%02d", i), i % 3 == 0 ? "other" : "a-1",
                    start.plusSeconds(i / 2)), new TopicPartition("trades", 0), i));
        }
        for (TradeRow row : rows) {
            insert(row);
        }

        List<String> firstPage = new ArrayList<>();
        try (Connection conn = dataSource().getConnection();
                PreparedStatement statement = conn.prepareStatement(HISTORY)) {
            statement.setString(1, "a-1");
            statement.setInt(2, 5);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    firstPage.add(rs.getString("trade_id"));
                }
            }
        }
        assertThat(firstPage).containsExactly("T-29", "T-28", "T-26", "T-25", "T-23");

        List<String> nextPage = new ArrayList<>();
        try (Connection conn = dataSource().getConnection();
                PreparedStatement statement = conn.prepareStatement(HISTORY_NEXT)) {
            statement.setString(1, "a-1");
            statement.setObject(2, OffsetDateTime.ofInstant(start.plusSeconds(23 / 2), ZoneOffset.UTC));
            statement.setString(3, "T-23");
            statement.setInt(4, 3);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    nextPage.add(rs.getString(1));
                }
            }
        }
        assertThat(nextPage).containsExactly("T-22", "T-20", "T-19");
    }

    @Test
    void shouldServeTheOrderHistoryFromTheColumnsTheRestLayerReads() throws SQLException {
        ensureMonth(TestTrades.EXECUTED_AT);
        try (SinkWriter writer = new SinkWriter(dataSource(), dialect(), new OffsetStore("contract"),
                SinkWriter.WriteMode.INSERT)) {
            writer.write(new SinkBatch(List.of(), List.of(
                    new OrderResultRow(TestTrades.filled("o-1", "a-1"), new TopicPartition("order-results", 0), 0),
                    new OrderResultRow(TestTrades.rejected("o-2", "a-1", "NO_PRICE"),
                            new TopicPartition("order-results", 0), 1)), Map.of()));
        }
        List<String> statuses = new ArrayList<>();
        try (Connection conn = dataSource().getConnection();
                PreparedStatement statement = conn.prepareStatement(ORDER_HISTORY)) {
            statement.setString(1, "a-1");
            statement.setInt(2, 10);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    statuses.add(rs.getString("order_id") + ":" + rs.getString("status") + ":"
                            + rs.getString("reason"));
                }
            }
        }
        assertThat(statuses).containsExactly("o-2:REJECTED:NO_PRICE", "o-1:FILLED:null");
    }

    /** Inserts one trade the way the writer does (claim first where the dialect claims); returns rows inserted. */
    protected int insert(TradeRow row) throws SQLException {
        try (Connection conn = dataSource().getConnection()) {
            if (dialect().claimIds(SinkTable.TRADES).isPresent()
                    && claim(conn, List.of(row.trade().getTradeId()), row.trade().getExecutedAt()).isEmpty()) {
                return 0;
            }
            try (PreparedStatement statement = conn.prepareStatement(dialect().insert(SinkTable.TRADES))) {
                RowMapping.TRADES.bind(statement, row);
                return statement.executeUpdate();
            }
        }
    }

    protected void ensureMonth(Instant instant) throws SQLException {
        if (dialect().ensureMonthPartition().isEmpty()) {
            return;
        }
        try (Connection conn = dataSource().getConnection();
                PreparedStatement statement = conn.prepareStatement(dialect().ensureMonthPartition().get())) {
            statement.setString(1, "trades");
            statement.setObject(2, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
            statement.execute();
            statement.setString(1, "order_results");
            statement.execute();
        }
    }

    protected long count(String sql) throws SQLException {
        try (Connection conn = dataSource().getConnection();
                PreparedStatement statement = conn.prepareStatement(sql);
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Set<String> claim(List<String> ids) throws SQLException {
        try (Connection conn = dataSource().getConnection()) {
            return claim(conn, ids, TestTrades.EXECUTED_AT);
        }
    }

    private Set<String> claim(Connection conn, List<String> ids, Instant at) throws SQLException {
        Set<String> claimed = new HashSet<>();
        Array idArray = conn.createArrayOf("text", ids.toArray());
        Array times = conn.createArrayOf("text", ids.stream().map(id -> at.toString()).toArray());
        try (PreparedStatement statement = conn.prepareStatement(dialect().claimIds(SinkTable.TRADES).orElseThrow())) {
            statement.setArray(1, idArray);
            statement.setArray(2, times);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    claimed.add(rs.getString(1));
                }
            }
        }
        return claimed;
    }
}
