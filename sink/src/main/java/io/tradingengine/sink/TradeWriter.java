package io.tradingengine.sink;

import io.tradingengine.avro.Trade;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a batch of trades in one transaction with one batched {@link PreparedStatement}, idempotent on the trade
 * id. Keeps one connection open between batches and drops it after any failure, so the next batch starts on a fresh
 * one (the database may have restarted). Not thread-safe: owned by the sink's polling thread.
 */
public final class TradeWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TradeWriter.class);

    private final DataSource dataSource;
    private final SinkDialect dialect;
    private Connection connection;

    public TradeWriter(DataSource dataSource, SinkDialect dialect) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    /**
     * Inserts the rows in one transaction; rows whose trade id is already in the table (or earlier in the batch)
     * are left alone. Either every row is committed or, on an exception, none.
     *
     * @throws SQLException when the database refuses or cannot be reached; the transaction is rolled back
     */
    public WriteResult write(List<TradeRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return WriteResult.EMPTY;
        }
        Connection conn = connection();
        try {
            WriteResult result = insert(conn, rows);
            conn.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            discard(conn);
            throw e;
        }
    }

    /**
     * Inserts the rows one by one in one transaction, each behind a savepoint, so that a row the database refuses as
     * data (SQL state class 22 or 23) is handed to {@code rejected} and left out while the others commit. Used to
     * isolate a poison row after {@link #write} failed with {@link #isDataError}.
     *
     * @throws SQLException on any other failure; the transaction is rolled back
     */
    public WriteResult writeRowByRow(List<TradeRow> rows, Consumer<TradeRow> rejected) throws SQLException {
        if (rows.isEmpty()) {
            return WriteResult.EMPTY;
        }
        Connection conn = connection();
        try {
            WriteResult result = insertRowByRow(conn, rows, rejected);
            conn.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            discard(conn);
            throw e;
        }
    }

    /**
     * True when the failure is about the data of a row (SQL state class 22, data exception, or 23, integrity
     * constraint), so retrying the same rows cannot succeed.
     */
    public static boolean isDataError(SQLException failure) {
        for (SQLException e = failure; e != null; e = e.getNextException()) {
            String state = e.getSQLState();
            if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
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

    private WriteResult insert(Connection conn, List<TradeRow> rows) throws SQLException {
        Set<String> seen = new HashSet<>();
        int duplicatesInBatch = 0;
        try (PreparedStatement statement = conn.prepareStatement(dialect.insertTrade())) {
            for (TradeRow row : rows) {
                if (!seen.add(row.trade().getTradeId())) {
                    duplicatesInBatch++;
                    continue;
                }
                bind(statement, row);
                statement.addBatch();
            }
            int[] counts = statement.executeBatch();
            return tally(counts, duplicatesInBatch);
        }
    }

    private WriteResult insertRowByRow(Connection conn, List<TradeRow> rows, Consumer<TradeRow> rejected)
            throws SQLException {
        Set<String> seen = new HashSet<>();
        int inserted = 0;
        int duplicates = 0;
        try (PreparedStatement statement = conn.prepareStatement(dialect.insertTrade())) {
            for (TradeRow row : rows) {
                if (!seen.add(row.trade().getTradeId())) {
                    duplicates++;
                    continue;
                }
                Savepoint savepoint = conn.setSavepoint();
                try {
                    bind(statement, row);
                    int count = statement.executeUpdate();
                    inserted += count;
                    duplicates += count == 0 ? 1 : 0;
                    conn.releaseSavepoint(savepoint);
                } catch (SQLException e) {
                    if (!isDataError(e)) {
                        throw e;
                    }
                    conn.rollback(savepoint);
                    rejected.accept(row);
                }
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
                throw new SQLException("A row of the trades batch failed to insert");
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

    private static void bind(PreparedStatement statement, TradeRow row) throws SQLException {
        Trade trade = row.trade();
        int i = 1;
        statement.setString(i++, trade.getTradeId());
        if (trade.getOrderId() == null) {
            statement.setNull(i++, Types.VARCHAR);
        } else {
            statement.setString(i++, trade.getOrderId());
        }
        statement.setString(i++, trade.getAssessmentId());
        statement.setString(i++, trade.getUserId());
        statement.setString(i++, trade.getMarket());
        statement.setString(i++, trade.getAssetClass().name());
        statement.setString(i++, trade.getSide().name());
        statement.setBigDecimal(i++, trade.getQuantity());
        statement.setBigDecimal(i++, trade.getPrice());
        statement.setBigDecimal(i++, trade.getFee());
        statement.setBigDecimal(i++, trade.getRealizedPnl());
        statement.setString(i++, trade.getKind().name());
        statement.setObject(i++, OffsetDateTime.ofInstant(trade.getExecutedAt(), ZoneOffset.UTC));
        statement.setInt(i++, row.source().partition());
        statement.setLong(i, row.offset());
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
}
