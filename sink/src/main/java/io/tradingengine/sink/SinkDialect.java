package io.tradingengine.sink;

import java.util.List;
import java.util.Optional;

/**
 * The SQL text the sink sends, and nothing else: the writer binds parameters and runs it. One implementation per
 * database family where the SQL differs ({@link PostgresDialect}, {@link CockroachDialect}); which one applies is
 * detected from the server ({@link SinkDialects#detect}). What both databases accept is shared: the inserts, the
 * offsets and the migrations under {@code db/migration}.
 */
public interface SinkDialect {

    /** Columns of {@code trades} the writer binds, in parameter order. */
    List<String> TRADE_COLUMNS = SinkTable.TRADES.columns();

    /** A short name for logs and metrics: {@code postgresql} or {@code cockroachdb}. */
    String name();

    /** Flyway locations: the scripts both databases run, then this database's own (same version sequence). */
    List<String> migrationLocations();

    /**
     * An insert of one row of {@code table} with the parameters of {@link SinkTable#columns()} in order, that does
     * nothing when the row exists (so a redelivered record is harmless). A plain {@code INSERT ... VALUES}, so the
     * driver may rewrite a batch of them into multi-row statements.
     */
    String insert(SinkTable table);

    /** The insert of {@link SinkTable#TRADES}; see {@link #insert(SinkTable)}. */
    default String insertTrade() {
        return insert(SinkTable.TRADES);
    }

    /**
     * Where the table's primary key cannot be the id alone (a partitioned table), a statement that claims ids in the
     * key table: parameters an array of ids and an array of times, one row per id claimed now (ids already there are
     * left out). Empty where the table's primary key is the id.
     */
    Optional<String> claimIds(SinkTable table);

    /** A {@code COPY ... FROM STDIN (FORMAT csv)} of the table's columns, where the database supports it. */
    Optional<String> copy(SinkTable table);

    /** Upsert of one consumer position: group, topic, partition, next offset. */
    String upsertOffset();

    /** The stored positions of a group: parameter group id; columns topic, kafka_partition, next_offset. */
    String selectOffsets();

    /** Deletes the stored positions of a group in a topic (parameters group, topic). */
    String deleteOffsets();

    /**
     * Where tables are partitioned by month, a statement creating the month partition of a table (parameters table
     * name and an instant of the month), idempotent. Empty otherwise.
     */
    Optional<String> ensureMonthPartition();
}
