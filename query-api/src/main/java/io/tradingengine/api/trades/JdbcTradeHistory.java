package io.tradingengine.api.trades;

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
import javax.sql.DataSource;

/**
 * Trade history from the sink's {@code trades} table (PostgreSQL or CockroachDB): a keyset query on the index
 * (assessment_id, executed_at DESC, trade_id DESC), so every page costs the same however deep it is.
 */
public final class JdbcTradeHistory implements TradeHistory {

    private static final String COLUMNS = "trade_id, order_id, assessment_id, user_id, market, asset_class, side, "
            + "quantity, price, fee, realized_pnl, kind, executed_at";
    private static final String FIRST_PAGE = "SELECT " + COLUMNS + " FROM trades WHERE assessment_id = ? "
            + "ORDER BY executed_at DESC, trade_id DESC LIMIT ?";
    private static final String NEXT_PAGE = "SELECT " + COLUMNS + " FROM trades WHERE assessment_id = ? "
            + "AND (executed_at, trade_id) < (?, ?) ORDER BY executed_at DESC, trade_id DESC LIMIT ?";

    private final DataSource dataSource;
    private final int timeoutSeconds;

    public JdbcTradeHistory(DataSource dataSource, Duration queryTimeout) {
        this.dataSource = dataSource;
        this.timeoutSeconds = (int) Math.max(1, queryTimeout.toSeconds());
    }

    @Override
    public TradePage newestFirst(String assessmentId, int limit, KeysetCursor after) {
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
            List<TradeRow> rows = new ArrayList<>(limit + 1);
            try (ResultSet results = statement.executeQuery()) {
                while (results.next()) {
                    rows.add(row(results));
                }
            }
            if (rows.size() <= limit) {
                return new TradePage(rows, null);
            }
            List<TradeRow> page = rows.subList(0, limit);
            TradeRow last = page.get(limit - 1);
            return new TradePage(page, new KeysetCursor(TradeHistory.CURSOR_KIND, last.executedAt(), last.tradeId()));
        } catch (SQLException e) {
            throw new HistoryUnavailableException("trades database query failed: " + e.getSQLState(), e);
        }
    }

    private static TradeRow row(ResultSet results) throws SQLException {
        return new TradeRow(results.getString("trade_id"), results.getString("order_id"),
                results.getString("assessment_id"), results.getString("user_id"), results.getString("market"),
                results.getString("asset_class"), results.getString("side"), results.getBigDecimal("quantity"),
                results.getBigDecimal("price"), results.getBigDecimal("fee"), results.getBigDecimal("realized_pnl"),
                results.getString("kind"), results.getObject("executed_at", OffsetDateTime.class).toInstant());
    }
}
