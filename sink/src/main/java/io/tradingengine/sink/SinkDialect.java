package io.tradingengine.sink;

import java.util.List;

/**
 * The SQL text the sink sends, and nothing else: the writer binds parameters and runs it. One implementation per
 * database family where the SQL differs; PostgreSQL and CockroachDB share {@link PostgresDialect} today.
 */
public interface SinkDialect {

    /** Columns of {@code trades} the writer binds, in parameter order. */
    List<String> TRADE_COLUMNS = List.of(
            "trade_id", "order_id", "assessment_id", "user_id", "market", "asset_class", "side",
            "quantity", "price", "fee", "realized_pnl", "kind", "executed_at", "kafka_partition", "kafka_offset");

    /** A short name for logs and metrics. */
    String name();

    /**
     * An insert of one trade with the parameters of {@link #TRADE_COLUMNS} in order, that does nothing when a row
     * with the same trade id exists (so a redelivered record is harmless).
     */
    String insertTrade();
}
