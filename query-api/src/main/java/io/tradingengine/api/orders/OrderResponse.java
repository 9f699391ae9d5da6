package io.tradingengine.api.orders;

import io.tradingengine.avro.OrderResult;
import io.tradingengine.schemas.Decimals;
import java.time.Instant;
import java.util.Locale;

/**
 * The result of an order as JSON (POST /orders 201/422, GET /orders/{id}): status FILLED or REJECTED, the reject
 * code in {@code reason} with a human {@code detail}, the fill price and fee as decimal strings.
 */
public record OrderResponse(String orderId, String assessmentId, String status, String reason, String detail,
                            String tradeId, String market, String side, String quantity, String fillPrice, String fee,
                            Instant processedAt) {

    public static OrderResponse of(OrderResult result) {
        return new OrderResponse(result.getOrderId(), result.getAssessmentId(), result.getStatus().name(),
                result.getReason(), result.getDetail(), result.getTradeId(), result.getMarket(),
                result.getSide() == null ? null : result.getSide().name().toLowerCase(Locale.ROOT),
                Decimals.text(result.getQuantity()), Decimals.text(result.getFillPrice()),
                Decimals.text(result.getFee()), result.getProcessedAt());
    }
}
