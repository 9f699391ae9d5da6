package io.tradingengine.api.orders;

import io.tradingengine.api.history.HistoryUnavailableException;
import io.tradingengine.api.history.KeysetCursor;
import java.util.Optional;

/** The order results of the database ({@code order_results}, written by the sink from {@code order-results}). */
public interface OrderHistory {

    /** The kind of the cursors of this list. */
    String CURSOR_KIND = "orders";

    /**
     * Up to {@code limit} results of the assessment's orders, newest first (by processed_at, then order_id), starting
     * after {@code after} (null for the first page).
     *
     * @throws HistoryUnavailableException when the database cannot answer
     */
    OrderPage newestFirst(String assessmentId, int limit, KeysetCursor after);

    /**
     * The result of one order.
     *
     * @throws HistoryUnavailableException when the database cannot answer
     */
    Optional<OrderRow> find(String orderId);
}
