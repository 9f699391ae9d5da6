package io.tradingengine.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dialect contract on the machine's PostgreSQL, plus the plans PostgreSQL chooses for the history queries. */
class PostgresDialectIT extends SinkDialectContract {

    private static TestDatabase database;

    @BeforeAll
    static void createSchema() throws SQLException {
        database = TestDatabase.migrated();
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        database.close();
    }

    @Override
    protected DataSource dataSource() {
        return database.dataSource();
    }

    @Override
    protected SinkDialect dialect() {
        return new PostgresDialect();
    }

    @Override
    protected void truncate() throws SQLException {
        database.truncateAll();
    }

    @Test
    void shouldReadTheHistoryFromTheAssessmentIndexOfEachMonthInOrderWithoutSorting() throws SQLException {
        ensureMonth(Instant.parse("2025-03-01T00:00:00Z"));
        ensureMonth(Instant.parse("2025-04-01T00:00:00Z"));
        database.execute("INSERT INTO trades (trade_id, assessment_id, user_id, market, asset_class, side, quantity, "
                + "price, fee, realized_pnl, kind, executed_at) SELECT 'T-' || i, 'a-' || (i % 4), 'u', 'BTC/USD', "
                + "'CRYPTO', 'LONG', 1, 1, 0, 0, 'FILL', timestamptz '2025-03-01' + i * interval '1 minute' "
                + "FROM generate_series(1, 20000) AS i");
        database.execute("ANALYZE trades");

        List<String> plan = explain("SELECT trade_id FROM trades WHERE assessment_id = 'a-3' "
                + "ORDER BY executed_at DESC, trade_id DESC LIMIT 50");

        // Each month's copy of trades_assessment_executed_idx, read in index order (an ordered Append of the
        // months newest first, or a Merge Append): no sort, no scan of the table.
        assertThat(String.join("\n", plan)).contains("_assessment_id_executed_at_trade_id_idx", "Append")
                .doesNotContain("Seq Scan").doesNotContain("Sort Key");
    }

    @Test
    void shouldPruneMonthsWhenTheQueryBoundsTheTime() throws SQLException {
        ensureMonth(Instant.parse("2025-05-01T00:00:00Z"));
        ensureMonth(Instant.parse("2025-06-01T00:00:00Z"));

        String plan = String.join("\n", explain("SELECT count(*) FROM trades WHERE executed_at >= '2025-06-01T00:00Z' "
                + "AND executed_at < '2025-07-01T00:00Z'"));

        assertThat(plan).contains("trades_p202506").doesNotContain("trades_p202505");
    }

    private static List<String> explain(String sql) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection conn = database.dataSource().getConnection();
                PreparedStatement explain = conn.prepareStatement("EXPLAIN " + sql);
                ResultSet rs = explain.executeQuery()) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        return lines;
    }
}
