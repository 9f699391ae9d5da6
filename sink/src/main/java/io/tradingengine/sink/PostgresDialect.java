package io.tradingengine.sink;

import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * PostgreSQL: {@code trades} and {@code order_results} are range-partitioned by month on their time column, so their
 * primary keys include it; ids are kept unique by claiming them in the unpartitioned key tables ({@code trade_keys},
 * {@code order_result_keys}) in the same transaction, and only claimed rows are inserted. Supports {@code COPY}.
 */
public final class PostgresDialect implements SinkDialect {

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public List<String> migrationLocations() {
        return List.of(Migrations.LOCATION, Migrations.VENDOR_LOCATION + "/postgresql");
    }

    @Override
    public String insert(SinkTable table) {
        return "INSERT INTO " + table.table() + " (" + String.join(", ", table.columns()) + ") VALUES ("
                + String.join(", ", Collections.nCopies(table.columns().size(), "?")) + ") ON CONFLICT DO NOTHING";
    }

    @Override
    public Optional<String> claimIds(SinkTable table) {
        // One statement for the whole batch: the ids and times arrive as two arrays.
        return Optional.of("INSERT INTO " + table.keysTable() + " (" + table.idColumn() + ", " + table.timeColumn()
                + ") SELECT * FROM unnest(?::text[], ?::timestamptz[]) ON CONFLICT (" + table.idColumn()
                + ") DO NOTHING RETURNING " + table.idColumn());
    }

    @Override
    public Optional<String> copy(SinkTable table) {
        return Optional.of("COPY " + table.table() + " (" + String.join(", ", table.columns())
                + ") FROM STDIN (FORMAT csv)");
    }

    @Override
    public String upsertOffset() {
        return OffsetStore.UPSERT;
    }

    @Override
    public String selectOffsets() {
        return OffsetStore.SELECT;
    }

    @Override
    public String deleteOffsets() {
        return OffsetStore.DELETE;
    }

    @Override
    public Optional<String> ensureMonthPartition() {
        return Optional.of("SELECT sink_ensure_month_partition(?, ?)");
    }
}
