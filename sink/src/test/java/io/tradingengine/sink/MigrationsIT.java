package io.tradingengine.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The Flyway scripts on the machine's PostgreSQL: a fresh schema, and an upgrade of a V1 schema holding rows. */
class MigrationsIT {

    @Test
    void shouldCreatePartitionedTablesKeyTablesOffsetsAndTheHistoryIndexesOnceOnly() throws SQLException {
        try (TestDatabase database = TestDatabase.empty()) {
            assertThat(Migrations.migrate(database.target())).isEqualTo(3);
            assertThat(Migrations.migrate(database.target())).isZero();

            String schema = database.schema();
            assertThat(columns(database, "trades")).isEqualTo(16);
            assertThat(columns(database, "order_results")).isEqualTo(16);
            assertThat(database.count("SELECT count(*) FROM information_schema.columns WHERE table_schema = ? "
                    + "AND table_name = 'trades' AND column_name = 'realized_pnl' AND numeric_precision = 38 "
                    + "AND numeric_scale = 18", schema)).isEqualTo(1);
            for (String table : new String[] {"trades", "order_results"}) {
                assertThat(database.count("SELECT count(*) FROM pg_partitioned_table p JOIN pg_class c "
                        + "ON c.oid = p.partrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE n.nspname = ? AND c.relname = ? AND p.partstrat = 'r'", schema, table))
                        .as(table + " is range-partitioned").isEqualTo(1);
            }
            assertThat(database.count("SELECT count(*) FROM pg_indexes WHERE schemaname = ? AND tablename = 'trades' "
                    + "AND indexdef LIKE '%(assessment_id, executed_at DESC, trade_id DESC)%'", schema)).isEqualTo(1);
            assertThat(database.count("SELECT count(*) FROM pg_indexes WHERE schemaname = ? "
                    + "AND tablename = 'order_results' "
                    + "AND indexdef LIKE '%(assessment_id, processed_at DESC, order_id DESC)%'", schema)).isEqualTo(1);
            assertThat(database.count("SELECT count(*) FROM information_schema.tables WHERE table_schema = ? "
                    + "AND table_name IN ('trade_keys', 'order_result_keys', 'sink_offsets')", schema)).isEqualTo(3);

            // The month before, this month and three ahead exist for both tables.
            YearMonth now = YearMonth.now(ZoneOffset.UTC);
            for (int i = -1; i <= 3; i++) {
                String suffix = now.plusMonths(i).format(DateTimeFormatter.ofPattern("yyyyMM", Locale.ROOT));
                assertThat(partitionExists(database, "trades_p" + suffix)).as("trades_p" + suffix).isTrue();
                assertThat(partitionExists(database, "order_results_p" + suffix)).isTrue();
            }
        }
    }

    @Test
    void shouldKeepTheRowsOfAVersionOneTableAndClaimTheirIds() throws SQLException {
        try (TestDatabase database = TestDatabase.empty()) {
            assertThat(Migrations.migrate(database.dataSource(), "1")).isEqualTo(1);
            database.execute("INSERT INTO trades (trade_id, order_id, assessment_id, user_id, market, asset_class, "
                    + "side, quantity, price, fee, realized_pnl, kind, executed_at) VALUES "
                    + "('T-1', 'o-1', 'a-1', 'u-1', 'BTC/USD', 'CRYPTO', 'LONG', 1, 65000, 65, 0, 'FILL', "
                    + "'2024-11-30T23:59:59.999Z'), "
                    + "('T-2', 'o-2', 'a-1', 'u-1', 'BTC/USD', 'CRYPTO', 'SHORT', 1, 65100, 65, 100, 'FILL', "
                    + "'2024-12-01T00:00:00Z')");

            assertThat(Migrations.migrate(database.target())).isEqualTo(2);

            assertThat(database.count("SELECT count(*) FROM trades")).isEqualTo(2);
            assertThat(database.count("SELECT count(*) FROM trades_p202411")).isEqualTo(1);
            assertThat(database.count("SELECT count(*) FROM trades_p202412")).isEqualTo(1);
            assertThat(database.count("SELECT count(*) FROM trade_keys WHERE trade_id IN ('T-1', 'T-2')"))
                    .isEqualTo(2);
            assertThat(database.count("SELECT count(*) FROM information_schema.tables WHERE table_schema = ? "
                    + "AND table_name = 'trades_v1'", database.schema())).isZero();
        }
    }

    @Test
    void shouldCreateAMonthPartitionOnceInUtcWhateverTheSessionTimeZone() throws SQLException {
        try (TestDatabase database = TestDatabase.migrated()) {
            Instant edge = Instant.parse("2031-01-31T23:30:00Z");
            try (Connection conn = database.dataSource().getConnection();
                    Statement statement = conn.createStatement()) {
                // 14 hours ahead of UTC: the local date of the edge is already February.
                statement.execute("SET TIME ZONE 'Pacific/Kiritimati'");
                statement.execute("SELECT sink_ensure_month_partition('trades', '" + edge + "')");
                statement.execute("SELECT sink_ensure_month_partition('trades', '" + edge + "')");
            }

            assertThat(partitionExists(database, "trades_p203101")).isTrue();
            assertThat(partitionExists(database, "trades_p203102")).isFalse();
            database.execute("INSERT INTO trades (trade_id, assessment_id, user_id, market, asset_class, side, "
                    + "quantity, price, fee, realized_pnl, kind, executed_at) VALUES ('edge', 'a', 'u', 'm', "
                    + "'CRYPTO', 'LONG', 1, 1, 0, 0, 'FILL', '" + edge + "')");
            assertThat(database.count("SELECT count(*) FROM trades_p203101")).isEqualTo(1);
        }
    }

    private static long columns(TestDatabase database, String table) throws SQLException {
        return database.count("SELECT count(*) FROM information_schema.columns WHERE table_schema = ? "
                + "AND table_name = ?", database.schema(), table);
    }

    private static boolean partitionExists(TestDatabase database, String name) throws SQLException {
        return database.count("SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?",
                database.schema(), name) == 1;
    }
}
