package io.tradingengine.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresDialectTest {

    @Test
    void shouldInsertEveryBoundColumnAndIgnoreAnExistingRow() {
        String sql = new PostgresDialect().insertTrade();

        assertThat(sql).startsWith("INSERT INTO trades (trade_id, order_id, assessment_id, user_id, market, "
                + "asset_class, side, quantity, price, fee, realized_pnl, kind, executed_at, kafka_partition, "
                + "kafka_offset) VALUES (?");
        assertThat(sql.chars().filter(c -> c == '?').count()).isEqualTo(SinkDialect.TRADE_COLUMNS.size());
        assertThat(sql).endsWith("ON CONFLICT DO NOTHING");
    }

    @Test
    void shouldClaimIdsInTheKeyTableOfAPartitionedTable() {
        assertThat(new PostgresDialect().claimIds(SinkTable.ORDER_RESULTS)).contains(
                "INSERT INTO order_result_keys (order_id, processed_at) SELECT * FROM unnest(?::text[], "
                        + "?::timestamptz[]) ON CONFLICT (order_id) DO NOTHING RETURNING order_id");
        assertThat(new PostgresDialect().copy(SinkTable.TRADES)).hasValueSatisfying(
                copy -> assertThat(copy).startsWith("COPY trades (trade_id, ").endsWith(") FROM STDIN (FORMAT csv)"));
    }

    @Test
    void shouldBeIdempotentOnTheIdAloneOnCockroachDb() {
        CockroachDialect dialect = new CockroachDialect();

        assertThat(dialect.insert(SinkTable.ORDER_RESULTS)).startsWith("INSERT INTO order_results (order_id, ")
                .endsWith("ON CONFLICT (order_id) DO NOTHING");
        assertThat(dialect.claimIds(SinkTable.TRADES)).isEmpty();
        assertThat(dialect.copy(SinkTable.TRADES)).isEmpty();
        assertThat(dialect.ensureMonthPartition()).isEmpty();
        assertThat(dialect.migrationLocations()).containsExactly("classpath:db/migration",
                "classpath:db/vendor/cockroachdb");
    }

    @Test
    void shouldDetectTheDatabaseFromItsVersionString() {
        assertThat(SinkDialects.forVersion("PostgreSQL 15.20 (Debian 15.20-0+deb12u1) on x86_64-pc-linux-gnu"))
                .isInstanceOf(PostgresDialect.class);
        assertThat(SinkDialects.forVersion("CockroachDB CCL v24.1.0 (x86_64-pc-linux-gnu, built 2024/05/15)"))
                .isInstanceOf(CockroachDialect.class);
        assertThatThrownBy(() -> SinkDialects.forVersion("MySQL 8.0")).hasMessageContaining("Unsupported");
    }
}
