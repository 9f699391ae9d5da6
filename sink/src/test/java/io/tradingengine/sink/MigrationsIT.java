package io.tradingengine.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MigrationsIT {

    private static TestDatabase database;

    @BeforeAll
    static void createSchema() throws SQLException {
        database = TestDatabase.empty();
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        database.close();
    }

    @Test
    void shouldCreateTheTradesTableWithItsHistoryIndexOnceOnly() throws SQLException {
        assertThat(Migrations.migrate(database.target())).isEqualTo(1);
        assertThat(Migrations.migrate(database.target())).isZero();

        assertThat(database.count("SELECT count(*) FROM information_schema.columns WHERE table_schema = ? "
                + "AND table_name = 'trades'", database.schema())).isEqualTo(16);
        assertThat(database.count("SELECT count(*) FROM information_schema.columns WHERE table_schema = ? "
                + "AND table_name = 'trades' AND column_name = 'realized_pnl' AND numeric_precision = 38 "
                + "AND numeric_scale = 18", database.schema())).isEqualTo(1);
        assertThat(database.count("SELECT count(*) FROM pg_indexes WHERE schemaname = ? AND tablename = 'trades' "
                + "AND indexdef LIKE '%(assessment_id, executed_at DESC, trade_id DESC)%'", database.schema()))
                .isEqualTo(1);
    }
}
