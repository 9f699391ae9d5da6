package io.tradingengine.sink;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The dialect contract on a CockroachDB server, when one is given: {@code COCKROACH_DATABASE_URL} names an empty
 * database ({@code postgresql://root@localhost:26257/sink_it?sslmode=disable}); the migrations run on it first. The
 * build machine has no CockroachDB, so this does not run in CI; docs/sink-and-replay.md reviews the script.
 */
@EnabledIfEnvironmentVariable(named = "COCKROACH_DATABASE_URL", matches = ".+")
class CockroachDialectIT extends SinkDialectContract {

    private static JdbcTarget target;

    @BeforeAll
    static void migrate() {
        target = JdbcTarget.parse(System.getenv("COCKROACH_DATABASE_URL"));
        Migrations.migrate(target);
    }

    @Override
    protected DataSource dataSource() {
        return target.dataSource();
    }

    @Override
    protected SinkDialect dialect() {
        return new CockroachDialect();
    }

    @Override
    protected void truncate() throws SQLException {
        try (Connection conn = dataSource().getConnection(); Statement statement = conn.createStatement()) {
            statement.execute("TRUNCATE trades, order_results, sink_offsets");
        }
    }
}
