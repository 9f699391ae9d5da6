package io.tradingengine.api.trades;

import io.tradingengine.api.history.KeysetCursor;
import io.tradingengine.api.history.KeysetQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import javax.sql.DataSource;

/**
 * Trade history from the sink's {@code trades} table (PostgreSQL or CockroachDB): a keyset query on the index
 * (assessment_id, executed_at DESC, trade_id DESC), so every page costs the same however deep it is.
 */
public final class JdbcTradeHistory implements TradeHistory {

    private static final String COLUMNS = "trade_id, order_id, assessment_id, user_id, market, asset_class, side, "
            + "quantity, price, fee, realized_pnl, kind, executed_at";

    private final KeysetQuery<TradeRow> pages;

    public JdbcTradeHistory(DataSource dataSource, Duration queryTimeout) {
        this.pages = new KeysetQuery<>(dataSource, queryTimeout, "trades", COLUMNS, "executed_at", "trade_id",
                TradeHistory.CURSOR_KIND, "trades database", JdbcTradeHistory::row, TradeRow::executedAt,
                TradeRow::tradeId);
    }

    @Override
    public TradePage newestFirst(String assessmentId, int limit, KeysetCursor after) {
        KeysetQuery.Page<TradeRow> page = pages.newestFirst(assessmentId, limit, after);
        return new TradePage(page.rows(), page.next());
    }

    private static TradeRow row(ResultSet results) throws SQLException {
        return new TradeRow(results.getString("trade_id"), results.getString("order_id"),
                results.getString("assessment_id"), results.getString("user_id"), results.getString("market"),
                results.getString("asset_class"), results.getString("side"), results.getBigDecimal("quantity"),
                results.getBigDecimal("price"), results.getBigDecimal("fee"), results.getBigDecimal("realized_pnl"),
                results.getString("kind"), results.getObject("executed_at", OffsetDateTime.class).toInstant());
    }
}
