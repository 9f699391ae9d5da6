package io.tradingengine.api.trades;

/** The trade history of an assessment, from the trades database. */
public interface TradeHistory {

    /**
     * Up to {@code limit} trades of the assessment, newest first (by executed_at, then trade_id), starting after
     * {@code after} (null for the first page).
     *
     * @throws TradeHistoryException when the database cannot answer
     */
    TradePage newestFirst(String assessmentId, int limit, TradeCursor after);
}
