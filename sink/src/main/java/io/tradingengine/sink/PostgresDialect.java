package io.tradingengine.sink;

import java.util.Collections;

/**
 * SQL for PostgreSQL and CockroachDB (its PostgreSQL-compatible syntax accepts the same {@code ON CONFLICT ... DO
 * NOTHING} insert).
 */
public final class PostgresDialect implements SinkDialect {

    private final String insertTrade = "INSERT INTO trades (" + String.join(", ", TRADE_COLUMNS) + ") VALUES ("
            + String.join(", ", Collections.nCopies(TRADE_COLUMNS.size(), "?")) + ") ON CONFLICT (trade_id) DO NOTHING";

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public String insertTrade() {
        return insertTrade;
    }
}
