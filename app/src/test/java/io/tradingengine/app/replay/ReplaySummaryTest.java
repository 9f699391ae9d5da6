package io.tradingengine.app.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingengine.avro.AssetClass;
import io.tradingengine.avro.OrderResult;
import io.tradingengine.avro.OrderStatus;
import io.tradingengine.avro.Side;
import io.tradingengine.avro.Trade;
import io.tradingengine.avro.TradeKind;
import io.tradingengine.schemas.Decimals;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplaySummaryTest {

    @Test
    void shouldCountFillsAndRejectsByReasonAndSumPnlPerAssessment() {
        ReplaySummary.Builder builder = new ReplaySummary.Builder();
        builder.add(result("o1", "A1", OrderStatus.FILLED, null));
        builder.add(result("o2", "A1", OrderStatus.FILLED, null));
        builder.add(result("o3", "A1", OrderStatus.REJECTED, "NO_PRICE"));
        builder.add(result("o4", "A2", OrderStatus.REJECTED, "NO_PRICE"));
        builder.add(result("o5", "A2", OrderStatus.REJECTED, "UNKNOWN_MARKET"));
        builder.add(trade("A1", "0", "6.5"));
        builder.add(trade("A1", "120.25", "6.75"));
        builder.add(trade("A3", "-1000", "0"));

        ReplaySummary summary = builder.build("r1", 10, 3, Duration.ofSeconds(2));

        assertThat(summary.results()).isEqualTo(5);
        assertThat(summary.fills()).isEqualTo(2);
        assertThat(summary.rejects()).containsOnly(Map.entry("NO_PRICE", 2L),
                Map.entry("UNKNOWN_MARKET", 1L));
        ReplaySummary.AssessmentPnl a1 = summary.byAssessment().get("A1");
        assertThat(a1.fills()).isEqualTo(2);
        assertThat(a1.rejects()).isEqualTo(1);
        assertThat(a1.trades()).isEqualTo(2);
        assertThat(a1.realizedPnl()).isEqualByComparingTo("120.25");
        assertThat(a1.fees()).isEqualByComparingTo("13.25");
        assertThat(a1.net()).isEqualByComparingTo("107");
        assertThat(summary.byAssessment().get("A3").net()).isEqualByComparingTo("-1000");
        assertThat(summary.render()).contains("2 filled, 3 rejected", "rejected NO_PRICE", "107.00");
    }

    private static OrderResult result(String orderId, String assessmentId, OrderStatus status, String reason) {
        return OrderResult.newBuilder().setOrderId(orderId).setAssessmentId(assessmentId).setStatus(status)
                .setReason(reason).setProcessedAt(Instant.EPOCH).build();
    }

    private static Trade trade(String assessmentId, String realized, String fee) {
        return Trade.newBuilder().setTradeId("t").setOrderId(null).setAssessmentId(assessmentId).setUserId("u")
                .setMarket("BTC/USD").setAssetClass(AssetClass.CRYPTO).setSide(Side.LONG)
                .setQuantity(Decimals.wire(BigDecimal.ONE)).setPrice(Decimals.wire(BigDecimal.TEN))
                .setFee(Decimals.wire(new BigDecimal(fee))).setRealizedPnl(Decimals.wire(new BigDecimal(realized)))
                .setKind(TradeKind.FILL).setExecutedAt(Instant.EPOCH).build();
    }
}
