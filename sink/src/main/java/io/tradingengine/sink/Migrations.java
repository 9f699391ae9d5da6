package io.tradingengine.sink;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the trades database schema up to date with Flyway. The database is detected first ({@code SELECT
 * version()}, {@link SinkDialects}): the scripts both accept live in {@code classpath:db/migration}, each database's
 * own in {@code classpath:db/vendor/<postgresql|cockroachdb>}, one version sequence across both locations (V1 and
 * V2 shared, V3 per database). Safe to run on every start and from several instances at once (Flyway takes a lock).
 * The schema is the connection's current schema ({@code currentSchema=} in the URL, else {@code public}).
 */
public final class Migrations {

    /** Where the scripts both databases run live on the classpath. */
    public static final String LOCATION = "classpath:db/migration";
    /** Parent of each database's own scripts: {@code <VENDOR_LOCATION>/postgresql}, {@code .../cockroachdb}. */
    public static final String VENDOR_LOCATION = "classpath:db/vendor";

    private Migrations() {
    }

    /** Applies pending migrations and returns how many were applied (0 when the schema is current). */
    public static int migrate(DataSource dataSource) {
        return migrate(dataSource, null);
    }

    /** Applies pending migrations on the database at {@code jdbcUrl}; see {@link #migrate(DataSource)}. */
    public static int migrate(String jdbcUrl, String user, String password) {
        return migrate(new JdbcTarget(jdbcUrl, user, password).dataSource());
    }

    /** Applies pending migrations on the database of {@code target}; see {@link #migrate(DataSource)}. */
    public static int migrate(JdbcTarget target) {
        return migrate(target.dataSource());
    }

    /** Applies pending migrations up to version {@code target} (null = all); for upgrade tests. */
    static int migrate(DataSource dataSource, String target) {
        SinkDialect dialect;
        try {
            dialect = SinkDialects.detect(dataSource);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the trades database to migrate it: " + e.getMessage(), e);
        }
        FluentConfiguration configuration = Flyway.configure()
                .dataSource(dataSource)
                .locations(dialect.migrationLocations().toArray(String[]::new));
        if (target != null) {
            configuration.target(target);
        }
        MigrateResult result = configuration.load().migrate();
        return result.migrationsExecuted;
    }
}
