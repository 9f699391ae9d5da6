package io.tradingengine.api.orders;

import io.tradingengine.api.history.KeysetCursor;
import java.util.List;

/**
 * A page of order results, newest first.
 *
 * @param orders the rows of this page
 * @param next where the next page starts, or null when this is the last page
 */
public record OrderPage(List<OrderRow> orders, KeysetCursor next) {

    public OrderPage {
        orders = List.copyOf(orders);
    }
}
