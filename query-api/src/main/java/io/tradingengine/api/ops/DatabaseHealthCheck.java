package io.tradingengine.api.ops;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The trades database answers a validity check within a second. */
public final class DatabaseHealthCheck implements HealthCheck {

    private final DataSource dataSource;

    public DatabaseHealthCheck(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public HealthStatus check() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(1) ? HealthStatus.up("connected") : HealthStatus.down("connection not valid");
        } catch (SQLException e) {
            return HealthStatus.down("unreachable: " + e.getSQLState());
        }
    }
}
