package io.tradingengine.sink;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the trades database schema up to date with Flyway, from {@code classpath:db/migration}. Safe to run on
 * every start and from several instances at once (Flyway takes a lock). The schema is the connection's current
 * schema ({@code currentSchema=} in the URL, else {@code public}).
 */
public final class Migrations {

    /** Where the sink's migration scripts live on the classpath. */
    public static final String LOCATION = "classpath:db/migration";

    private Migrations() {
    }

    /** Applies pending migrations and returns how many were applied (0 when the schema is current). */
    public static int migrate(DataSource dataSource) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .load();
        MigrateResult result = flyway.migrate();
        return result.migrationsExecuted;
    }

    /** Applies pending migrations on the database at {@code jdbcUrl}; see {@link #migrate(DataSource)}. */
    public static int migrate(String jdbcUrl, String user, String password) {
        return migrate(new JdbcTarget(jdbcUrl, user, password).dataSource());
    }

    /** Applies pending migrations on the database of {@code target}; see {@link #migrate(DataSource)}. */
    public static int migrate(JdbcTarget target) {
        return migrate(target.dataSource());
    }
}
