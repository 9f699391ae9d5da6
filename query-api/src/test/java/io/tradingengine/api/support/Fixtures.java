package io.tradingengine.api.support;

import io.tradingengine.avro.AssessmentStatus;
import io.tradingengine.avro.AssetClass;
import io.tradingengine.avro.DrawdownMode;
import io.tradingengine.avro.Market;
import io.tradingengine.avro.MarketStatus;
import io.tradingengine.avro.OrderResult;
import io.tradingengine.avro.OrderStatus;
import io.tradingengine.avro.Position;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.avro.Rules;
import io.tradingengine.avro.Side;
import io.tradingengine.avro.internal.AssessmentState;
import io.tradingengine.schemas.Decimals;
import java.math.BigDecimal;
import java.time.Instant;

/** Store values for route tests, every decimal at the wire scale as the topology writes them. */
public final class Fixtures {

    public static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");

    private Fixtures() {
    }

    public static BigDecimal d(String value) {
        return Decimals.wire(new BigDecimal(value));
    }

    public static Rules rules(DrawdownMode mode) {
        return Rules.newBuilder()
                .setMaxDrawdownPercent(d("10"))
                .setDrawdownMode(mode)
                .setDailyLossPercent(d("5"))
                .setProfitTargetPercent(null)
                .setMaxOrderNotionalPercent(null)
                .setMaxPositionNotionalPercent(null)
                .setMaxLeverage(d("2"))
                .setDailyResetTime("00:00")
                .setDailyResetZone("UTC")
                .build();
    }

    public static AssessmentState assessment(String id, String user, String balance, String peak, String dayStart) {
        return AssessmentState.newBuilder()
                .setAssessmentId(id)
                .setUserId(user)
                .setStatus(AssessmentStatus.ACTIVE)
                .setStartingBalance(d("100000"))
                .setBalance(d(balance))
                .setPeakEquity(d(peak))
                .setDayStartEquity(d(dayStart))
                .setReason(null)
                .setRules(rules(DrawdownMode.STATIC))
                .setCreatedAt(NOW)
                .setUpdatedAt(NOW)
                .build();
    }

    public static Position position(String assessmentId, String market, String quantity, String entry) {
        return Position.newBuilder()
                .setAssessmentId(assessmentId)
                .setMarket(market)
                .setAssetClass(AssetClass.CRYPTO)
                .setQuantity(d(quantity))
                .setAverageEntryPrice(d(entry))
                .setRealizedPnl(d("0"))
                .setFees(d("65.0"))
                .setUpdatedAt(NOW)
                .setMarkPrice(null)
                .build();
    }

    public static PriceTick tick(String market, String bid, String ask, String last) {
        return PriceTick.newBuilder()
                .setMarket(market)
                .setSource("simulated")
                .setBid(bid == null ? null : d(bid))
                .setAsk(ask == null ? null : d(ask))
                .setLast(last == null ? null : d(last))
                .setTimestamp(NOW)
                .build();
    }

    public static Market market(String id, AssetClass assetClass) {
        return Market.newBuilder()
                .setMarket(id)
                .setAssetClass(assetClass)
                .setStatus(MarketStatus.OPEN)
                .setOutcome(null)
                .setUpdatedAt(NOW)
                .setTitle(null)
                .setSource("simulated")
                .build();
    }

    public static OrderResult filled(String orderId, String assessmentId, String user, String market, Side side,
                                     String quantity, String price, String fee) {
        return OrderResult.newBuilder()
                .setOrderId(orderId)
                .setAssessmentId(assessmentId)
                .setStatus(OrderStatus.FILLED)
                .setReason(null)
                .setDetail(null)
                .setTradeId("trade-" + orderId)
                .setFillPrice(d(price))
                .setFee(d(fee))
                .setProcessedAt(NOW)
                .setUserId(user)
                .setMarket(market)
                .setSide(side)
                .setQuantity(d(quantity))
                .build();
    }

    public static OrderResult rejected(String orderId, String assessmentId, String user, String reason,
                                       String detail) {
        return OrderResult.newBuilder()
                .setOrderId(orderId)
                .setAssessmentId(assessmentId)
                .setStatus(OrderStatus.REJECTED)
                .setReason(reason)
                .setDetail(detail)
                .setTradeId(null)
                .setFillPrice(null)
                .setFee(null)
                .setProcessedAt(NOW)
                .setUserId(user)
                .setMarket(null)
                .setSide(null)
                .setQuantity(null)
                .build();
    }
}
