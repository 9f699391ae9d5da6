package io.tradingengine.sink;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;

/** Detects the database behind a connection from {@code SELECT version()}. */
public final class SinkDialects {

    private SinkDialects() {
    }

    /** The dialect of the server behind this connection. */
    public static SinkDialect detect(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT version()")) {
            rs.next();
            return forVersion(rs.getString(1));
        }
    }

    /** The dialect of the database behind this data source (opens and closes one connection). */
    public static SinkDialect detect(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return detect(connection);
        }
    }

    /**
     * The dialect for a {@code version()} string: CockroachDB prints {@code CockroachDB CCL v23.2.1 (...)},
     * PostgreSQL {@code PostgreSQL 16.2 on ...}.
     */
    static SinkDialect forVersion(String version) {
        String lower = version == null ? "" : version.toLowerCase(Locale.ROOT);
        if (lower.contains("cockroachdb")) {
            return new CockroachDialect();
        }
        if (lower.startsWith("postgresql")) {
            return new PostgresDialect();
        }
        throw new IllegalStateException("Unsupported trades database: " + version
                + " (expected PostgreSQL 11 or later, or CockroachDB)");
    }
}
