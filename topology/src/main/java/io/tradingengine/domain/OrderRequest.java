package io.tradingengine.domain;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A market order as the domain sees it. Fields may be null or blank here: {@link OrderEngine#validate} is the guard
 * that turns such an order into {@link RejectCode#INVALID_ORDER}.
 *
 * @param orderId unique order id (idempotency key)
 * @param assessmentId the assessment it trades for
 * @param userId who sent it
 * @param market market id
 * @param side long or short
 * @param quantity positive quantity
 * @param submittedAt when it was submitted
 */
public record OrderRequest(String orderId, String assessmentId, String userId, String market, Side side,
                           BigDecimal quantity, Instant submittedAt) {
}
