package io.tradingengine.api.orders;

import io.tradingengine.api.history.HistoryUnavailableException;
import io.tradingengine.api.history.KeysetCursor;
import io.tradingengine.api.history.KeysetQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
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
    private static final String ONE = "SELECT " + COLUMNS + " FROM order_results WHERE order_id = ?";

    private final DataSource dataSource;
    private final int timeoutSeconds;
    private final KeysetQuery<OrderRow> pages;

    public JdbcOrderHistory(DataSource dataSource, Duration queryTimeout) {
        this.dataSource = dataSource;
        this.timeoutSeconds = (int) Math.max(1, queryTimeout.toSeconds());
        this.pages = new KeysetQuery<>(dataSource, queryTimeout, "order_results", COLUMNS, "processed_at", "order_id",
                CURSOR_KIND, "order results", JdbcOrderHistory::row, OrderRow::processedAt, OrderRow::orderId);
    }

    @Override
    public OrderPage newestFirst(String assessmentId, int limit, KeysetCursor after) {
        KeysetQuery.Page<OrderRow> page = pages.newestFirst(assessmentId, limit, after);
        return new OrderPage(page.rows(), page.next());
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
