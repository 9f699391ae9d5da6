package io.tradingengine.sink;

import java.util.List;

/**
 * The tables the sink writes, described once: name, id column (what makes a row unique, and what the inserts are
 * idempotent on), time column (the partition key on PostgreSQL), the key table that holds each id once where the
 * table is partitioned, and the columns the writer binds, in parameter order.
 */
public enum SinkTable {

    /** One row per trade id, from {@code trades}. */
    TRADES("trades", "trade_keys", "trade_id", "executed_at", List.of(
            "trade_id", "order_id", "assessment_id", "user_id", "market", "asset_class", "side",
            "quantity", "price", "fee", "realized_pnl", "kind", "executed_at", "kafka_partition", "kafka_offset")),

    /** One row per order id, from {@code order-results}. */
    ORDER_RESULTS("order_results", "order_result_keys", "order_id", "processed_at", List.of(
            "order_id", "assessment_id", "user_id", "market", "side", "quantity", "status", "reason", "detail",
            "trade_id", "fill_price", "fee", "processed_at", "kafka_partition", "kafka_offset"));

    private final String table;
    private final String keysTable;
    private final String idColumn;
    private final String timeColumn;
    private final List<String> columns;

    SinkTable(String table, String keysTable, String idColumn, String timeColumn, List<String> columns) {
        this.table = table;
        this.keysTable = keysTable;
        this.idColumn = idColumn;
        this.timeColumn = timeColumn;
        this.columns = columns;
    }

    public String table() {
        return table;
    }

    /** The unpartitioned table holding each id once (PostgreSQL only). */
    public String keysTable() {
        return keysTable;
    }

    public String idColumn() {
        return idColumn;
    }

    public String timeColumn() {
        return timeColumn;
    }

    /** Columns the writer binds, in parameter order. */
    public List<String> columns() {
        return columns;
    }
}
