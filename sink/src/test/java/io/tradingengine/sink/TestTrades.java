package io.tradingengine.sink;

import io.tradingengine.avro.AssetClass;
import io.tradingengine.avro.OrderResult;
import io.tradingengine.avro.OrderStatus;
import io.tradingengine.avro.Side;
import io.tradingengine.avro.Trade;
import io.tradingengine.avro.TradeKind;
import io.tradingengine.schemas.Decimals;
import java.math.BigDecimal;
import java.time.Instant;

/** Trades and order results for tests. */
final class TestTrades {

    static final Instant EXECUTED_AT = Instant.parse("2025-03-01T12:00:00.123Z");

    private TestTrades() {
    }

    static Trade trade(String tradeId, String assessmentId) {
        return trade(tradeId, assessmentId, EXECUTED_AT);
    }

    static Trade trade(String tradeId, String assessmentId, Instant executedAt) {
        return Trade.newBuilder()
                .setTradeId(tradeId)
                .setOrderId("order-" + tradeId)
                .setAssessmentId(assessmentId)
                .setUserId("user-1")
                .setMarket("BTC/USD")
                .setAssetClass(AssetClass.CRYPTO)
                .setSide(Side.LONG)
                .setQuantity(Decimals.wire(new BigDecimal("0.5")))
                .setPrice(Decimals.wire(new BigDecimal("65065.000000000000000001")))
                .setFee(Decimals.wire(new BigDecimal("32.5325")))
                .setRealizedPnl(Decimals.wire(BigDecimal.ZERO))
                .setKind(TradeKind.FILL)
                .setExecutedAt(executedAt)
                .build();
    }

    static OrderResult filled(String orderId, String assessmentId) {
        return OrderResult.newBuilder()
                .setOrderId(orderId)
                .setAssessmentId(assessmentId)
                .setStatus(OrderStatus.FILLED)
                .setTradeId("T-" + orderId)
                .setFillPrice(Decimals.wire(new BigDecimal("65065.01")))
                .setFee(Decimals.wire(new BigDecimal("32.5325")))
                .setProcessedAt(EXECUTED_AT)
                .setUserId("user-1")
                .setMarket("BTC/USD")
                .setSide(Side.LONG)
                .setQuantity(Decimals.wire(new BigDecimal("0.5")))
                .build();
    }

    static OrderResult rejected(String orderId, String assessmentId, String reason) {
        return OrderResult.newBuilder()
                .setOrderId(orderId)
                .setAssessmentId(assessmentId)
                .setStatus(OrderStatus.REJECTED)
                .setReason(reason)
                .setDetail("no price for DOGE/EUR")
                .setProcessedAt(EXECUTED_AT)
                .build();
    }
}
