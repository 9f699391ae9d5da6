package io.tradingengine.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static io.tradingengine.topology.EngineFixture.wire;

import io.tradingengine.avro.AssessmentStatus;
import io.tradingengine.avro.AssetClass;
import io.tradingengine.avro.DrawdownMode;
import io.tradingengine.avro.MarketStatus;
import io.tradingengine.avro.OrderResult;
import io.tradingengine.avro.OrderStatus;
import io.tradingengine.avro.Position;
import io.tradingengine.avro.Rules;
import io.tradingengine.avro.Side;
import io.tradingengine.avro.Trade;
import io.tradingengine.avro.TradeKind;
import io.tradingengine.avro.internal.AssessmentState;
import io.tradingengine.domain.RejectCode;
import io.tradingengine.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TradingTopologyTest {

    private static final String BTC = "BTC/USD";

    @TempDir
    Path stateDir;

    private EngineFixture engine;

    @BeforeEach
    void setUp() {
        engine = new EngineFixture(stateDir);
        engine.market(BTC, AssetClass.CRYPTO, MarketStatus.OPEN);
        engine.tick(BTC, "64990", "65010", "65000");
        engine.assessment("A1", "u1", "100000");
    }

    @AfterEach
    void tearDown() {
        engine.close();
    }

    @Test
    void shouldFillALongAtAskPlusSlippageAndChargeTheFee() {
        engine.order("o1", "A1", "u1", BTC, Side.LONG, "0.5");

        TestRecord<String, OrderResult> result = engine.results.readRecord();
        assertThat(result.key()).isEqualTo("A1");
        assertThat(result.value().getStatus()).isEqualTo(OrderStatus.FILLED);
        assertThat(result.value().getTradeId()).isEqualTo("T-o1");
        assertThat(result.value().getFillPrice()).isEqualTo(wire("65075.01"));
        assertThat(result.value().getFee()).isEqualTo(wire("32.537505"));
        assertThat(result.value().getReason()).isNull();

        TestRecord<String, Trade> trade = engine.trades.readRecord();
        assertThat(trade.key()).isEqualTo("A1");
        assertThat(trade.value().getTradeId()).isEqualTo("T-o1");
        assertThat(trade.value().getOrderId()).isEqualTo("o1");
        assertThat(trade.value().getKind()).isEqualTo(TradeKind.FILL);
        assertThat(trade.value().getAssetClass()).isEqualTo(AssetClass.CRYPTO);
        assertThat(trade.value().getQuantity()).isEqualTo(wire("0.5"));
        assertThat(trade.value().getPrice()).isEqualTo(wire("65075.01"));
        assertThat(trade.value().getFee()).isEqualTo(wire("32.537505"));
        assertThat(trade.value().getRealizedPnl()).isEqualTo(wire("0"));

        TestRecord<String, Position> position = engine.positions.readRecord();
        assertThat(position.key()).isEqualTo("A1/BTC/USD");
        assertThat(position.value().getQuantity()).isEqualTo(wire("0.5"));
        assertThat(position.value().getAverageEntryPrice()).isEqualTo(wire("65075.01"));
        assertThat(position.value().getMarkPrice()).isEqualTo(wire("65000"));

        assertThat(engine.assessmentStore().get("A1").getBalance()).isEqualTo(wire("99967.462495"));
        assertThat(engine.positionStore().get("A1/BTC/USD")).isEqualTo(position.value());
        assertThat(engine.resultStore().get("o1")).isEqualTo(result.value());
        assertThat(engine.results.isEmpty()).isTrue();
        assertThat(engine.trades.isEmpty()).isTrue();
        assertThat(engine.positions.isEmpty()).isTrue();
    }

    @Test
    void shouldFillAShortAtBidMinusSlippage() {
        engine.order("o1", "A1", "u1", BTC, Side.SHORT, "0.5");

        OrderResult result = engine.results.readValue();
        assertThat(result.getFillPrice()).isEqualTo(wire("64925.01"));
        assertThat(result.getFee()).isEqualTo(wire("32.462505"));
        assertThat(engine.positionStore().get("A1/BTC/USD").getQuantity()).isEqualTo(wire("-0.5"));
    }

    @Test
    void shouldFillPredictionMarketsWithTheirOwnRates() {
        engine.market("kalshi:RAIN", AssetClass.PREDICTION, MarketStatus.OPEN);
        engine.tick("kalshi:RAIN", "0.58", "0.60", null);

        engine.order("o1", "A1", "u1", "kalshi:RAIN", Side.LONG, "100");

        OrderResult result = engine.results.readValue();
        assertThat(result.getFillPrice()).isEqualTo(wire("0.6012"));
        assertThat(result.getFee()).isEqualTo(wire("0.12024"));
        assertThat(engine.trades.readValue().getAssetClass()).isEqualTo(AssetClass.PREDICTION);
    }

    @Test
    void shouldNetPositionsAcrossTwoOrdersAndRealizePnl() {
        engine.order("o1", "A1", "u1", BTC, Side.LONG, "1");
        engine.tick(BTC, "66000", "66020", "66010");
        engine.order("o2", "A1", "u1", BTC, Side.SHORT, "0.4");

        List<OrderResult> results = engine.results.readValuesToList();
        assertThat(results).extracting(OrderResult::getStatus).containsExactly(OrderStatus.FILLED, OrderStatus.FILLED);
        assertThat(results.get(1).getFillPrice()).isEqualTo(wire("65934"));

        List<Trade> trades = engine.trades.readValuesToList();
        assertThat(trades).extracting(Trade::getTradeId).containsExactly("T-o1", "T-o2");
        // 0.4 x (65934 - 65075.01)
        assertThat(trades.get(1).getRealizedPnl()).isEqualTo(wire("343.596"));

        Position position = engine.positionStore().get("A1/BTC/USD");
        assertThat(position.getQuantity()).isEqualTo(wire("0.6"));
        assertThat(position.getAverageEntryPrice()).isEqualTo(wire("65075.01"));
        assertThat(position.getRealizedPnl()).isEqualTo(wire("343.596"));
        assertThat(position.getFees()).isEqualTo(wire("91.44861"));
        assertThat(engine.positions.readValuesToList()).hasSize(2).last().isEqualTo(position);
        // 100000 - 65.07501 + 343.596 - 26.3736
        assertThat(engine.assessmentStore().get("A1").getBalance()).isEqualTo(wire("100252.14739"));
    }

    @Test
    void shouldAnswerADuplicateOrderIdWithTheFirstResultAndNeverFillTwice() {
        engine.order("o1", "A1", "u1", BTC, Side.LONG, "0.5");
        engine.tick(BTC, "70000", "70010", "70005");
        engine.driver.advanceWallClockTime(Duration.ofSeconds(5));
        engine.order("o1", "A1", "u1", BTC, Side.LONG, "0.5");

        List<OrderResult> results = engine.results.readValuesToList();
        assertThat(results).hasSize(2);
        assertThat(results.get(1)).isEqualTo(results.get(0));
        assertThat(results.get(1).getFillPrice()).isEqualTo(wire("65075.01"));
        assertThat(engine.trades.readValuesToList()).hasSize(1);
        assertThat(engine.positions.readValuesToList()).hasSize(1);
        assertThat(engine.positionStore().get("A1/BTC/USD").getQuantity()).isEqualTo(wire("0.5"));
        assertThat(engine.assessmentStore().get("A1").getBalance()).isEqualTo(wire("99967.462495"));
    }

    @Test
    void shouldAnswerADuplicateOfARejectedOrderWithTheSameRejection() {
        engine.order("o1", "A1", "u1", "DOGE/USD", Side.LONG, "1");
        engine.market("DOGE/USD", AssetClass.CRYPTO, MarketStatus.OPEN);
        engine.tick("DOGE/USD", "0.1", "0.1", "0.1");
        engine.order("o1", "A1", "u1", "DOGE/USD", Side.LONG, "1");

        assertThat(engine.results.readValuesToList()).extracting(OrderResult::getReason)
                .containsExactly("UNKNOWN_MARKET", "UNKNOWN_MARKET");
        assertThat(engine.trades.isEmpty()).isTrue();
    }

    @Test
    void shouldRejectOrderWithNonPositiveQuantityAsInvalid() {
        engine.order("o1", "A1", "u1", BTC, Side.LONG, "0");

        assertRejected(RejectCode.INVALID_ORDER, "quantity must be > 0, was 0");
        assertThat(engine.resultStore().get("o1").getReason()).isEqualTo("INVALID_ORDER");
    }

    @Test
    void shouldRejectOrderWhoseKeyIsNotItsAssessmentIdAsInvalid() {
        engine.orders.pipeInput("A2", EngineFixture.newOrder("o1", "A1", "u1", BTC, Side.LONG, "1"));

        assertRejected(RejectCode.INVALID_ORDER, "record key A2 does not match assessmentId A1");
    }

    @Test
    void shouldRejectOrderWhenMarketIsUnknown() {
        engine.order("o1", "A1", "u1", "DOGE/USD", Side.LONG, "1");

        assertRejected(RejectCode.UNKNOWN_MARKET, "market DOGE/USD is not listed");
    }

    @Test
    void shouldRejectOrderWhenAssessmentIsNotFound() {
        engine.order("o1", "A9", "u1", BTC, Side.LONG, "1");

        assertRejected(RejectCode.ASSESSMENT_NOT_FOUND, "assessment A9 does not exist");
        assertThat(engine.resultStore().get("o1").getAssessmentId()).isEqualTo("A9");
    }

    @Test
    void shouldRejectOrderWhenUserIsNotTheOwner() {
        engine.order("o1", "A1", "mallory", BTC, Side.LONG, "1");

        assertRejected(RejectCode.NOT_OWNER, "user mallory does not own assessment A1");
    }

    @Test
    void shouldRejectOrderWhenAssessmentIsNotActive() {
        engine.assessment("A2", "u1", "100000", EngineFixture.riskRules("10", DrawdownMode.STATIC, null, null));
        engine.order("o0", "A2", "u1", BTC, Side.LONG, "1");
        engine.tick(BTC, "55000", "55010", null);
        assertThat(engine.assessmentStore().get("A2").getStatus()).isEqualTo(AssessmentStatus.FAILED);
        engine.clearOutputs();

        engine.order("o1", "A2", "u1", BTC, Side.LONG, "1");

        assertRejected(RejectCode.ASSESSMENT_NOT_ACTIVE, "assessment A2 is FAILED (MAX_DRAWDOWN)");
    }

    @Test
    void shouldRejectOrderWhenMarketIsNotOpen() {
        engine.market(BTC, AssetClass.CRYPTO, MarketStatus.HALTED);

        engine.order("o1", "A1", "u1", BTC, Side.LONG, "1");

        assertRejected(RejectCode.MARKET_NOT_OPEN, "market BTC/USD is HALTED");
    }

    @Test
    void shouldRejectOrderWhenMarketHasNoPrice() {
        engine.market("ETH/USD", AssetClass.CRYPTO, MarketStatus.OPEN);

        engine.order("o1", "A1", "u1", "ETH/USD", Side.LONG, "1");

        assertRejected(RejectCode.NO_PRICE, "no price for market ETH/USD");
    }

    @Test
    void shouldRejectOrderWhenThePriceIsStale() {
        engine.close();
        engine = new EngineFixture(stateDir.resolve("stale"), TopologyConfig.defaults()
                .withMaxPriceAges(Duration.ofSeconds(30), Duration.ZERO));
        engine.market(BTC, AssetClass.CRYPTO, MarketStatus.OPEN);
        engine.tick(BTC, "64990", "65010", "65000");
        engine.assessment("A1", "u1", "100000");
        engine.driver.advanceWallClockTime(Duration.ofSeconds(31));

        engine.order("o1", "A1", "u1", BTC, Side.LONG, "1");

        assertRejected(RejectCode.STALE_PRICE, "price of BTC/USD is 31000 ms old > max age 30000 ms");
    }

    @Test
    void shouldRejectOrderBeyondBuyingPower() {
        engine.order("o1", "A1", "u1", BTC, Side.LONG, "2");

        assertRejected(RejectCode.INSUFFICIENT_BUYING_POWER,
                "gross notional 130150.02 > buying power 100000.00 (equity 100000.00 x max leverage 1)");
        assertThat(engine.positionStore().get("A1/BTC/USD")).isNull();
        assertThat(engine.assessmentStore().get("A1").getBalance()).isEqualTo(wire("100000"));
    }

    @Test
    void shouldCountHoldingsInOtherMarketsAtTheirLatestPriceAgainstBuyingPower() {
        engine.market("ETH/USD", AssetClass.CRYPTO, MarketStatus.OPEN);
        engine.tick("ETH/USD", "2999", "3001", "3000");
        engine.order("o1", "A1", "u1", "ETH/USD", Side.LONG, "20");
        // ETH: 20 at 3004.001 (fee 60.08002), marked at mid 3000 -> equity 99859.89998, ETH notional 60000.
        engine.order("o2", "A1", "u1", BTC, Side.LONG, "0.7");

        List<OrderResult> results = engine.results.readValuesToList();
        assertThat(results.get(0).getStatus()).isEqualTo(OrderStatus.FILLED);
        assertThat(results.get(1).getReason()).isEqualTo("INSUFFICIENT_BUYING_POWER");
        assertThat(results.get(1).getDetail())
                .isEqualTo("gross notional 105552.51 > buying power 99859.90 (equity 99859.90 x max leverage 1)");
    }

    @Test
    void shouldCopyTheCorrelationIdHeaderToEveryOutput() {
        engine.order("o1", "A1", "u1", BTC, Side.LONG, "0.5", "corr-42");

        assertThat(correlationId(engine.results.readRecord().headers())).isEqualTo("corr-42");
        assertThat(correlationId(engine.trades.readRecord().headers())).isEqualTo("corr-42");
        assertThat(correlationId(engine.positions.readRecord().headers())).isEqualTo("corr-42");
    }

    @Test
    void shouldKeepProcessingOrdersAfterAPoisonRecord() {
        engine.rawOrders.pipeInput("A1", "this is not avro".getBytes(StandardCharsets.UTF_8));
        engine.order("o1", "A1", "u1", BTC, Side.LONG, "0.5");

        assertThat(engine.results.readValue().getStatus()).isEqualTo(OrderStatus.FILLED);
        assertThat(droppedRecords()).isEqualTo(1.0);
    }

    @Test
    void shouldCreateAnAssessmentWithItsStartingBalance() {
        AssessmentState state = engine.assessmentStore().get("A1");

        assertThat(state.getUserId()).isEqualTo("u1");
        assertThat(state.getStatus()).isEqualTo(AssessmentStatus.ACTIVE);
        assertThat(state.getStartingBalance()).isEqualTo(wire("100000"));
        assertThat(state.getBalance()).isEqualTo(wire("100000"));
        assertThat(state.getPeakEquity()).isEqualTo(wire("100000"));
        assertThat(state.getDayStartEquity()).isEqualTo(wire("100000"));
        assertThat(state.getCreatedAt()).isEqualTo(EngineFixture.START);
    }

    @Test
    void shouldUpdateOnlyTheRulesWhenAnAssessmentIdComesAgain() {
        engine.order("o1", "A1", "u1", BTC, Side.LONG, "0.5");
        Rules leveraged = EngineFixture.rules("2", "UTC");

        engine.assessment("A1", "someone-else", "5", leveraged);

        AssessmentState state = engine.assessmentStore().get("A1");
        assertThat(state.getUserId()).isEqualTo("u1");
        assertThat(state.getStartingBalance()).isEqualTo(wire("100000"));
        assertThat(state.getBalance()).isEqualTo(wire("99967.462495"));
        assertThat(state.getRules().getMaxLeverage()).isEqualTo(wire("2"));
    }

    @Test
    void shouldSkipAnAssessmentRecordWithABadResetZone() {
        Rules bad = EngineFixture.rules(null, "Mars/Olympus");

        engine.assessment("A2", "u2", "1000", bad);

        assertThat(engine.assessmentStore().get("A2")).isNull();
    }

    @Test
    void shouldFindAnAssessmentsPositionsWithAPrefixScan() {
        engine.market("ETH/USD", AssetClass.CRYPTO, MarketStatus.OPEN);
        engine.tick("ETH/USD", "2999", "3001", "3000");
        engine.assessment("A10", "u1", "100000");
        engine.order("o1", "A1", "u1", BTC, Side.LONG, "0.1");
        engine.order("o2", "A1", "u1", "ETH/USD", Side.LONG, "1");
        engine.order("o3", "A10", "u1", "ETH/USD", Side.LONG, "1");

        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, Position> it =
                     engine.positionStore().prefixScan(StoreNames.positionPrefix("A1"), new StringSerializer())) {
            it.forEachRemaining((KeyValue<String, Position> entry) -> keys.add(entry.key));
        }
        assertThat(keys).containsExactly("A1/BTC/USD", "A1/ETH/USD");
    }

    private void assertRejected(RejectCode code, String detail) {
        OrderResult result = engine.results.readValue();
        assertThat(result.getStatus()).isEqualTo(OrderStatus.REJECTED);
        assertThat(result.getReason()).isEqualTo(code.name());
        assertThat(result.getDetail()).isEqualTo(detail);
        assertThat(result.getTradeId()).isNull();
        assertThat(result.getFillPrice()).isNull();
        assertThat(engine.results.isEmpty()).isTrue();
        assertThat(engine.trades.isEmpty()).isTrue();
        assertThat(engine.positions.isEmpty()).isTrue();
        assertThat(engine.resultStore().get(result.getOrderId())).isEqualTo(result);
    }

    private double droppedRecords() {
        return engine.driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("dropped-records-total")
                        && e.getKey().group().equals("stream-task-metrics"))
                .map(e -> e.getValue())
                .mapToDouble(metric -> ((Number) ((Metric) metric).metricValue()).doubleValue())
                .sum();
    }

    private static String correlationId(Headers headers) {
        Header header = headers.lastHeader(Topics.CORRELATION_ID_HEADER);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
