package io.tradingengine.api.orders;

/** 202 of POST /orders: Kafka has the order, its result did not arrive within the wait time. */
public record PendingOrderResponse(String orderId, String assessmentId, String status, String location) {
}
