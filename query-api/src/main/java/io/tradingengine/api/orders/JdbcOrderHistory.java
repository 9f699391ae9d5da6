package io.tradingengine.api.orders;

import io.tradingengine.api.history.HistoryUnavailableException;
import io.tradingengine.api.history.KeysetCursor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Order results from the sink's {@code order_results} table (PostgreSQL or CockroachDB): a keyset query that wants
 * the index (assessment_id, processed_at DESC, order_id DESC), so every page costs the same however deep it is, and
 * a lookup by the primary key order_id.
 */
public final class JdbcOrderHistory implements OrderHistory {

    private static final String COLUMNS = "order_id, assessment_id, user_id, market, side, quantity, status, reason, "
            + "detail, trade_id, fill_price, fee, processed_at";
    private static final String FIRST_PAGE = "SELECT " + COLUMNS + " FROM order_results WHERE assessment_id = ? "
            + "ORDER BY processed_at DESC, order_id DESC LIMIT ?";
    private static final String NEXT_PAGE = "SELECT " + COLUMNS + " FROM order_results WHERE assessment_id = ? "
            + "AND (processed_at, order_id) < (?, ?) ORDER BY processed_at DESC, order_id DESC LIMIT ?";
    private static final String ONE = "SELECT " + COLUMNS + " FROM order_results WHERE order_id = ?";

    private final DataSource dataSource;
    private final int timeoutSeconds;

    public JdbcOrderHistory(DataSource dataSource, Duration queryTimeout) {
        this.dataSource = dataSource;
        this.timeoutSeconds = (int) Math.max(1, queryTimeout.toSeconds());
    }

    @Override
    public OrderPage newestFirst(String assessmentId, int limit, KeysetCursor after) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(after == null ? FIRST_PAGE : NEXT_PAGE)) {
            statement.setQueryTimeout(timeoutSeconds);
            int index = 1;
            statement.setString(index++, assessmentId);
            if (after != null) {
                statement.setObject(index++, OffsetDateTime.ofInstant(after.at(), ZoneOffset.UTC));
                statement.setString(index++, after.id());
            }
            // One row more than asked tells whether another page exists.
            statement.setInt(index, limit + 1);
            List<OrderRow> rows = new ArrayList<>(limit + 1);
            try (ResultSet results = statement.executeQuery()) {
                while (results.next()) {
                    rows.add(row(results));
                }
            }
            if (rows.size() <= limit) {
                return new OrderPage(rows, null);
            }
            List<OrderRow> page = rows.subList(0, limit);
            OrderRow last = page.get(limit - 1);
            return new OrderPage(page, new KeysetCursor(CURSOR_KIND, last.processedAt(), last.orderId()));
        } catch (SQLException e) {
            throw new HistoryUnavailableException("order results query failed: " + e.getSQLState(), e);
        }
    }

    @Override
    public Optional<OrderRow> find(String orderId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(ONE)) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.setString(1, orderId);
            try (ResultSet results = statement.executeQuery()) {
                return results.next() ? Optional.of(row(results)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new HistoryUnavailableException("order results query failed: " + e.getSQLState(), e);
        }
    }

    private static OrderRow row(ResultSet results) throws SQLException {
        return new OrderRow(results.getString("order_id"), results.getString("assessment_id"),
                results.getString("user_id"), results.getString("market"), results.getString("side"),
                results.getBigDecimal("quantity"), results.getString("status"), results.getString("reason"),
                results.getString("detail"), results.getString("trade_id"), results.getBigDecimal("fill_price"),
                results.getBigDecimal("fee"), results.getObject("processed_at", OffsetDateTime.class).toInstant());
    }
}
