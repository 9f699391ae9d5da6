package io.tradingengine.api.trades;

import io.tradingengine.api.history.HistoryUnavailableException;
import io.tradingengine.api.history.KeysetCursor;

/** The trade history of an assessment, from the trades database. */
public interface TradeHistory {

    /** The kind of the cursors of this list. */
    String CURSOR_KIND = "trades";

    /**
     * Up to {@code limit} trades of the assessment, newest first (by executed_at, then trade_id), starting after
     * {@code after} (null for the first page).
     *
     * @throws HistoryUnavailableException when the database cannot answer
     */
    TradePage newestFirst(String assessmentId, int limit, KeysetCursor after);
}
