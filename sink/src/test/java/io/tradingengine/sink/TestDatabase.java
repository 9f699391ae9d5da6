package io.tradingengine.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A fresh schema on the machine's PostgreSQL (127.0.0.1:5432, database test, user postgres) for one test class,
 * migrated with the sink's Flyway scripts, dropped on close.
 */
final class TestDatabase implements AutoCloseable {

    static final String SERVER_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String USER = "postgres";

    private final String schema;
    private final JdbcTarget target;

    private TestDatabase(String schema) {
        this.schema = schema;
        this.target = new JdbcTarget(SERVER_URL + "?currentSchema=" + schema, USER, null);
    }

    /** Creates an empty schema (not migrated). */
    static TestDatabase empty() throws SQLException {
        String schema = "sink_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        try (Connection conn = new JdbcTarget(SERVER_URL, USER, null).dataSource().getConnection();
                Statement statement = conn.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        return new TestDatabase(schema);
    }

    /** Creates a schema and migrates it. */
    static TestDatabase migrated() throws SQLException {
        TestDatabase database = empty();
        Migrations.migrate(database.target);
        return database;
    }

    JdbcTarget target() {
        return target;
    }

    DataSource dataSource() {
        return target.dataSource();
    }

    String schema() {
        return schema;
    }

    void execute(String sql) throws SQLException {
        try (Connection conn = dataSource().getConnection(); Statement statement = conn.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Empties every table the sink writes. */
    void truncateAll() throws SQLException {
        execute("TRUNCATE trades, trade_keys, order_results, order_result_keys, sink_offsets");
    }

    long count(String sql, Object... params) throws SQLException {
        try (Connection conn = dataSource().getConnection();
                PreparedStatement statement = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection conn = new JdbcTarget(SERVER_URL, USER, null).dataSource().getConnection();
                Statement statement = conn.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
