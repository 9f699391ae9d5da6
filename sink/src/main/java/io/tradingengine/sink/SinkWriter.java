package io.tradingengine.sink;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.apache.kafka.common.TopicPartition;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a {@link SinkBatch} in one database transaction: the trades, the order results, and the consumer positions
 * the batch reaches ({@link OffsetStore}). Inserts are idempotent on the row id, so a record read twice (after a
 * crash between the database commit and the Kafka commit, a rebalance, an ambiguous commit, or a reprocessing of the
 * topology) never makes a second row.
 *
 * <p>On PostgreSQL (partitioned tables) the ids of the batch are first claimed in the key tables with one statement,
 * and only the claimed rows are inserted, by a batched {@code INSERT} (rewritten by the driver into multi-row
 * statements) or by {@code COPY} ({@link WriteMode}); the month partitions the rows need are created first, in a
 * transaction of their own. On CockroachDB a batched {@code INSERT ... ON CONFLICT (id) DO NOTHING} does it all.
 *
 * <p>Transactions the database asks to retry (SQL state 40001 serialization failure, 40P01 deadlock) and commits
 * whose outcome is unknown (40003, CockroachDB's ambiguous result) are retried at once, a few times: the retry
 * writes nothing twice, because the inserts are idempotent and the positions are the same. Keeps one connection
 * between batches and drops it after any failure. Not thread-safe: owned by the sink's polling thread.
 */
public final class SinkWriter implements AutoCloseable {

    /** How claimed rows are inserted on PostgreSQL. */
    public enum WriteMode {
        /** Batched {@code INSERT ... VALUES}, rewritten into multi-row statements by the driver. */
        INSERT,
        /** {@code COPY ... FROM STDIN} in CSV; PostgreSQL only (CockroachDB falls back to INSERT). */
        COPY
    }

    /** Test seam around the database commit. */
    interface CommitHooks {
        CommitHooks NONE = new CommitHooks() {
        };

        default void beforeCommit() throws SQLException {
        }

        default void afterCommit() {
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(SinkWriter.class);
    private static final int MAX_ATTEMPTS = 5;
    private static final long FIRST_RETRY_BACKOFF_MILLIS = 10;

    private final DataSource dataSource;
    private final OffsetStore offsets;
    private final WriteMode mode;
    private final CommitHooks hooks;
    private final Set<String> knownPartitions = new HashSet<>();
    private SinkDialect dialect;
    private Connection connection;
    private long retries;

    /**
     * A writer on this database.
     *
     * @param dialect the database's SQL, or null to detect it on the first connection
     */
    public SinkWriter(DataSource dataSource, SinkDialect dialect, OffsetStore offsets, WriteMode mode) {
        this(dataSource, dialect, offsets, mode, CommitHooks.NONE);
    }

    SinkWriter(DataSource dataSource, SinkDialect dialect, OffsetStore offsets, WriteMode mode, CommitHooks hooks) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = dialect;
        this.offsets = Objects.requireNonNull(offsets, "offsets");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.hooks = Objects.requireNonNull(hooks, "hooks");
    }

    /**
     * Writes the batch's rows and positions in one transaction. Either all of it is committed or, on an exception,
     * nothing.
     *
     * @throws SQLException when the database refuses or cannot be reached (after the retries of retryable errors)
     */
    public BatchResult write(SinkBatch batch) throws SQLException {
        return inTransaction(batch, conn -> new BatchResult(
                writeTable(conn, RowMapping.TRADES, batch.rows()),
                writeTable(conn, RowMapping.ORDER_RESULTS, batch.orderResults())));
    }

    /**
     * Writes the rows one by one, each behind a savepoint, so a row the database refuses as data (SQL state class
     * 22 or 23) is handed to {@code rejected} and left out while the others and the positions commit. Used to
     * isolate a poison row after {@link #write} failed with {@link #isDataError}.
     */
    public BatchResult writeRowByRow(SinkBatch batch, Consumer<Object> rejected) throws SQLException {
        return inTransaction(batch, conn -> new BatchResult(
                writeRowByRow(conn, RowMapping.TRADES, batch.rows(), rejected),
                writeRowByRow(conn, RowMapping.ORDER_RESULTS, batch.orderResults(), rejected)));
    }

    /** The stored positions of these partitions (absent when none is stored). */
    public Map<TopicPartition, Long> storedOffsets(Collection<TopicPartition> partitions) throws SQLException {
        Connection conn = connection();
        try {
            Map<TopicPartition, Long> stored = offsets.load(conn, dialect(conn), partitions);
            conn.commit();
            return stored;
        } catch (SQLException | RuntimeException e) {
            discard(conn);
            throw e;
        }
    }

    /** Creates the month partitions from this month to {@code monthsAhead} months after {@code now} (PostgreSQL). */
    public void ensurePartitionsAhead(Instant now, int monthsAhead) throws SQLException {
        Connection conn = connection();
        try {
            YearMonth month = YearMonth.from(now.atOffset(ZoneOffset.UTC));
            Set<YearMonth> months = new HashSet<>();
            for (int i = 0; i <= monthsAhead; i++) {
                months.add(month.plusMonths(i));
            }
            for (SinkTable table : SinkTable.values()) {
                ensurePartitions(conn, table, months);
            }
        } catch (SQLException | RuntimeException e) {
            discard(conn);
            throw e;
        }
    }

    /** The database's dialect (detected on the first connection when not given). */
    public SinkDialect dialect() throws SQLException {
        return dialect(connection());
    }

    /** Transactions retried after a retryable error or an ambiguous commit, since this writer was made. */
    public long retries() {
        return retries;
    }

    /**
     * True when the failure is about the data of a row (SQL state class 22, data exception, or 23, integrity
     * constraint), so retrying the same rows cannot succeed. A row without a partition (23514 on a partitioned
     * table) is not: its partition is created and the batch retried.
     */
    public static boolean isDataError(SQLException failure) {
        for (SQLException e = failure; e != null; e = e.getNextException()) {
            String state = e.getSQLState();
            if (state != null && !state.equals("23514") && (state.startsWith("22") || state.startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the transaction may simply be run again: 40001 (serialization failure; CockroachDB's "restart
     * transaction"), 40P01 (deadlock), 40003 (statement completion unknown: the commit may or may not have happened;
     * the idempotent inserts make a second run harmless) and 23514 (no partition for a row, created on the retry).
     */
    public static boolean isRetryable(SQLException failure) {
        for (SQLException e = failure; e != null; e = e.getNextException()) {
            String state = e.getSQLState();
            if ("40001".equals(state) || "40P01".equals(state) || "40003".equals(state) || "23514".equals(state)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (connection != null) {
            discard(connection);
        }
    }

    @FunctionalInterface
    private interface Work {
        BatchResult run(Connection conn) throws SQLException;
    }

    private BatchResult inTransaction(SinkBatch batch, Work work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            Connection conn = connection();
            try {
                prepareMonths(conn, batch);
                BatchResult result = work.run(conn);
                offsets.save(conn, dialect(conn), batch.offsets());
                hooks.beforeCommit();
                conn.commit();
                hooks.afterCommit();
                return result;
            } catch (SQLException e) {
                discard(conn);
                if (!isRetryable(e) || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                // A partition may have been dropped behind our back: ask again next time.
                knownPartitions.clear();
                retries++;
                LOG.debug("Retrying a sink transaction (attempt {}) after SQL state {}: {}", attempt + 1,
                        e.getSQLState(), e.getMessage());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(FIRST_RETRY_BACKOFF_MILLIS << (attempt - 1)));
            } catch (RuntimeException e) {
                discard(conn);
                throw e;
            }
        }
    }

    /** Creates, in a transaction of their own, the month partitions the batch's rows need and nobody made yet. */
    private void prepareMonths(Connection conn, SinkBatch batch) throws SQLException {
        if (dialect(conn).ensureMonthPartition().isEmpty()) {
            return;
        }
        ensurePartitions(conn, SinkTable.TRADES, months(RowMapping.TRADES, batch.rows()));
        ensurePartitions(conn, SinkTable.ORDER_RESULTS, months(RowMapping.ORDER_RESULTS, batch.orderResults()));
    }

    private static <R> Set<YearMonth> months(RowMapping<R> mapping, List<R> rows) {
        Set<YearMonth> months = new HashSet<>();
        for (R row : rows) {
            months.add(YearMonth.from(mapping.time(row).atOffset(ZoneOffset.UTC)));
        }
        return months;
    }

    private void ensurePartitions(Connection conn, SinkTable table, Set<YearMonth> months) throws SQLException {
        Optional<String> ensure = dialect(conn).ensureMonthPartition();
        if (ensure.isEmpty()) {
            return;
        }
        List<YearMonth> missing = new ArrayList<>();
        for (YearMonth month : months) {
            if (!knownPartitions.contains(table.table() + "@" + month)) {
                missing.add(month);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = conn.prepareStatement(ensure.get())) {
            for (YearMonth month : missing) {
                statement.setString(1, table.table());
                statement.setObject(2, month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC));
                statement.execute();
            }
        }
        // Committed before the batch: a rolled-back batch must not take the partition with it.
        conn.commit();
        for (YearMonth month : missing) {
            knownPartitions.add(table.table() + "@" + month);
        }
    }

    private <R> WriteResult writeTable(Connection conn, RowMapping<R> mapping, List<R> rows) throws SQLException {
        if (rows.isEmpty()) {
            return WriteResult.EMPTY;
        }
        Map<String, R> unique = new LinkedHashMap<>();
        for (R row : rows) {
            unique.putIfAbsent(mapping.id(row), row);
        }
        int duplicatesInBatch = rows.size() - unique.size();
        SinkDialect sql = dialect(conn);
        Optional<String> claim = sql.claimIds(mapping.table());
        if (claim.isEmpty()) {
            int[] counts = insert(conn, sql, mapping, unique.values());
            return tally(counts, duplicatesInBatch);
        }
        Set<String> claimed = claim(conn, claim.get(), mapping, unique.values());
        List<R> fresh = new ArrayList<>(claimed.size());
        for (R row : unique.values()) {
            if (claimed.contains(mapping.id(row))) {
                fresh.add(row);
            }
        }
        if (!fresh.isEmpty()) {
            Optional<String> copy = sql.copy(mapping.table());
            if (mode == WriteMode.COPY && copy.isPresent()) {
                copy(conn, copy.get(), mapping, fresh);
            } else {
                insert(conn, sql, mapping, fresh);
            }
        }
        return new WriteResult(fresh.size(), rows.size() - fresh.size(), 0);
    }

    private static <R> Set<String> claim(Connection conn, String sql, RowMapping<R> mapping, Collection<R> rows)
            throws SQLException {
        String[] ids = new String[rows.size()];
        String[] times = new String[rows.size()];
        int i = 0;
        for (R row : rows) {
            ids[i] = mapping.id(row);
            times[i] = mapping.time(row).toString();
            i++;
        }
        Array idArray = conn.createArrayOf("text", ids);
        Array timeArray = conn.createArrayOf("text", times);
        Set<String> claimed = new HashSet<>();
        try (PreparedStatement statement = conn.prepareStatement(sql)) {
            statement.setArray(1, idArray);
            statement.setArray(2, timeArray);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    claimed.add(rs.getString(1));
                }
            }
        } finally {
            idArray.free();
            timeArray.free();
        }
        return claimed;
    }

    private static <R> int[] insert(Connection conn, SinkDialect sql, RowMapping<R> mapping, Collection<R> rows)
            throws SQLException {
        try (PreparedStatement statement = conn.prepareStatement(sql.insert(mapping.table()))) {
            for (R row : rows) {
                mapping.bind(statement, row);
                statement.addBatch();
            }
            return statement.executeBatch();
        }
    }

    private static <R> void copy(Connection conn, String sql, RowMapping<R> mapping, List<R> rows)
            throws SQLException {
        StringBuilder csv = new StringBuilder(rows.size() * 256);
        for (R row : rows) {
            mapping.appendCsv(csv, row);
        }
        try {
            long copied = conn.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(csv.toString()));
            if (copied != rows.size()) {
                throw new SQLException("COPY wrote " + copied + " rows of " + rows.size());
            }
        } catch (IOException e) {
            throw new SQLException("COPY into " + mapping.table().table() + " failed", "08006", e);
        }
    }

    private <R> WriteResult writeRowByRow(Connection conn, RowMapping<R> mapping, List<R> rows,
                                          Consumer<Object> rejected) throws SQLException {
        Set<String> seen = new HashSet<>();
        int inserted = 0;
        int duplicates = 0;
        SinkDialect sql = dialect(conn);
        Optional<String> claim = sql.claimIds(mapping.table());
        for (R row : rows) {
            if (!seen.add(mapping.id(row))) {
                duplicates++;
                continue;
            }
            Savepoint savepoint = conn.setSavepoint();
            try {
                boolean fresh;
                if (claim.isPresent()) {
                    fresh = !claim(conn, claim.get(), mapping, List.of(row)).isEmpty();
                    if (fresh) {
                        insert(conn, sql, mapping, List.of(row));
                    }
                } else {
                    fresh = insert(conn, sql, mapping, List.of(row))[0] != 0;
                }
                inserted += fresh ? 1 : 0;
                duplicates += fresh ? 0 : 1;
                conn.releaseSavepoint(savepoint);
            } catch (SQLException e) {
                if (!isDataError(e)) {
                    throw e;
                }
                conn.rollback(savepoint);
                rejected.accept(row);
            }
        }
        return new WriteResult(inserted, duplicates, 0);
    }

    private static WriteResult tally(int[] counts, int duplicatesInBatch) throws SQLException {
        int inserted = 0;
        int duplicates = duplicatesInBatch;
        int unknown = 0;
        for (int count : counts) {
            if (count == Statement.EXECUTE_FAILED) {
                // Drivers that continue after a failed row report it here; the whole batch must not commit then.
                throw new SQLException("A row of the batch failed to insert");
            } else if (count == Statement.SUCCESS_NO_INFO) {
                unknown++;
            } else if (count == 0) {
                duplicates++;
            } else {
                inserted += count;
            }
        }
        return new WriteResult(inserted, duplicates, unknown);
    }

    private SinkDialect dialect(Connection conn) throws SQLException {
        if (dialect == null) {
            dialect = SinkDialects.detect(conn);
            conn.commit();
            LOG.info("Trades database is {}", dialect.name());
        }
        return dialect;
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Connection conn = dataSource.getConnection();
            try {
                conn.setAutoCommit(false);
            } catch (SQLException e) {
                conn.close();
                throw e;
            }
            connection = conn;
        }
        return connection;
    }

    private void discard(Connection conn) {
        connection = null;
        try {
            if (!conn.isClosed()) {
                conn.rollback();
            }
        } catch (SQLException e) {
            LOG.debug("Rollback on a failed connection failed too: {}", e.getMessage());
        }
        try {
            conn.close();
        } catch (SQLException e) {
            LOG.debug("Closing a failed connection failed: {}", e.getMessage());
        }
    }

    /** What a batch did to each table. */
    public record BatchResult(WriteResult trades, WriteResult orderResults) {

        public static final BatchResult EMPTY = new BatchResult(WriteResult.EMPTY, WriteResult.EMPTY);
    }
}
