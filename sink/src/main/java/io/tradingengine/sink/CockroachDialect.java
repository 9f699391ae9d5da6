package io.tradingengine.sink;

import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * CockroachDB: tables keyed by their id (no time partitions; the time indexes are hash-sharded, see the
 * {@code db/vendor/cockroachdb} scripts), so the insert's {@code ON CONFLICT DO NOTHING} alone makes it idempotent.
 * No {@code COPY} (CockroachDB's is limited): batched inserts only.
 */
public final class CockroachDialect implements SinkDialect {

    @Override
    public String name() {
        return "cockroachdb";
    }

    @Override
    public List<String> migrationLocations() {
        return List.of(Migrations.LOCATION, Migrations.VENDOR_LOCATION + "/cockroachdb");
    }

    @Override
    public String insert(SinkTable table) {
        return "INSERT INTO " + table.table() + " (" + String.join(", ", table.columns()) + ") VALUES ("
                + String.join(", ", Collections.nCopies(table.columns().size(), "?")) + ") ON CONFLICT ("
                + table.idColumn() + ") DO NOTHING";
    }

    @Override
    public Optional<String> claimIds(SinkTable table) {
        return Optional.empty();
    }

    @Override
    public Optional<String> copy(SinkTable table) {
        return Optional.empty();
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
        return Optional.empty();
    }
}
