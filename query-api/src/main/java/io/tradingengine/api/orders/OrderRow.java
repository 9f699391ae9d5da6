package io.tradingengine.api.orders;

import java.math.BigDecimal;
import java.time.Instant;

/** One row of the {@code order_results} table (written by the sink): the result of one order. */
public record OrderRow(String orderId, String assessmentId, String userId, String market, String side,
                       BigDecimal quantity, String status, String reason, String detail, String tradeId,
                       BigDecimal fillPrice, BigDecimal fee, Instant processedAt) {
}
