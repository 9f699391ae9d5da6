package io.tradingengine.api.orders;

import java.util.List;

/** GET /orders?assessmentId= : {@code {orders, nextCursor}}, newest first, nextCursor null on the last page. */
public record OrdersResponse(List<OrderResponse> orders, String nextCursor) {
}
