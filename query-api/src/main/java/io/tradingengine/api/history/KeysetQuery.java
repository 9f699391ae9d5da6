package io.tradingengine.api.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Newest-first keyset paging over one of the sink's tables, by assessment: {@code WHERE assessment_id = ? AND
 * (time, id) < (?, ?) ORDER BY time DESC, id DESC LIMIT ?}, which wants the index (assessment_id, time DESC,
 * id DESC), so every page costs the same however deep it is. Trades and order results page the same way.
 *
 * @param <R> the row type
 */
public final class KeysetQuery<R> {

    /** Reads one row of the result set. */
    @FunctionalInterface
    public interface RowMapper<R> {
        R map(ResultSet results) throws SQLException;
    }

    /** A page of rows and the cursor of the next page, null on the last page. */
    public record Page<R>(List<R> rows, KeysetCursor next) {
    }

    private final DataSource dataSource;
    private final int timeoutSeconds;
    private final String firstPage;
    private final String nextPage;
    private final String cursorKind;
    private final String what;
    private final RowMapper<R> mapper;
    private final Function<R, Instant> timeOf;
    private final Function<R, String> idOf;

    /**
     * @param columns the selected columns, comma-separated
     * @param cursorKind the kind written into (and required from) cursors, so a cursor of one list fails on another
     * @param what what failed, for the error message ("trades database")
     */
    public KeysetQuery(DataSource dataSource, Duration queryTimeout, String table, String columns, String timeColumn,
                       String idColumn, String cursorKind, String what, RowMapper<R> mapper,
                       Function<R, Instant> timeOf, Function<R, String> idOf) {
        this.dataSource = dataSource;
        this.timeoutSeconds = (int) Math.max(1, queryTimeout.toSeconds());
        String order = " ORDER BY " + timeColumn + " DESC, " + idColumn + " DESC LIMIT ?";
        this.firstPage = "SELECT " + columns + " FROM " + table + " WHERE assessment_id = ?" + order;
        this.nextPage = "SELECT " + columns + " FROM " + table + " WHERE assessment_id = ? AND (" + timeColumn + ", "
                + idColumn + ") < (?, ?)" + order;
        this.cursorKind = cursorKind;
        this.what = what;
        this.mapper = mapper;
        this.timeOf = timeOf;
        this.idOf = idOf;
    }

    /** Up to {@code limit} rows of the assessment after the cursor (from the newest when null). */
    public Page<R> newestFirst(String assessmentId, int limit, KeysetCursor after) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(after == null ? firstPage : nextPage)) {
            statement.setQueryTimeout(timeoutSeconds);
            int index = 1;
            statement.setString(index++, assessmentId);
            if (after != null) {
                statement.setObject(index++, OffsetDateTime.ofInstant(after.at(), ZoneOffset.UTC));
                statement.setString(index++, after.id());
            }
            // One row more than asked tells whether another page exists.
            statement.setInt(index, limit + 1);
            List<R> rows = new ArrayList<>(limit + 1);
            try (ResultSet results = statement.executeQuery()) {
                while (results.next()) {
                    rows.add(mapper.map(results));
                }
            }
            if (rows.size() <= limit) {
                return new Page<>(rows, null);
            }
            List<R> page = rows.subList(0, limit);
            R last = page.get(limit - 1);
            return new Page<>(page, new KeysetCursor(cursorKind, timeOf.apply(last), idOf.apply(last)));
        } catch (SQLException e) {
            throw new HistoryUnavailableException(what + " query failed: " + e.getSQLState(), e);
        }
    }
}
