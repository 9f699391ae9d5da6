package io.tradingengine.api.orders;

import io.tradingengine.avro.Order;
import io.tradingengine.avro.OrderResult;
import io.tradingengine.schemas.Decimals;
import java.time.Instant;
import java.util.Locale;

/**
 * The result of an order as JSON (POST /orders 201/422, GET /orders/{id}): status FILLED or REJECTED, the reject
 * code in {@code reason} with a human {@code detail}, the fill price and fee as decimal strings. The same shape
 * whether it comes from the stores, the database, or the API's own checks before the order reaches Kafka.
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

    /** A row of the database's order results. */
    public static OrderResponse of(OrderRow row) {
        return new OrderResponse(row.orderId(), row.assessmentId(), row.status(), row.reason(), row.detail(),
                row.tradeId(), row.market(), row.side() == null ? null : row.side().toLowerCase(Locale.ROOT),
                Decimals.text(row.quantity()), Decimals.text(row.fillPrice()), Decimals.text(row.fee()),
                row.processedAt());
    }

    /**
     * An order the API itself rejects before sending it (same reject codes as the topology): it never reaches Kafka,
     * so it has no stored result.
     */
    public static OrderResponse rejectedHere(Order order, String reason, String detail, Instant at) {
        return new OrderResponse(order.getOrderId(), order.getAssessmentId(), "REJECTED", reason, detail, null,
                order.getMarket(), order.getSide().name().toLowerCase(Locale.ROOT),
                Decimals.text(order.getQuantity()), null, null, at);
    }
}
