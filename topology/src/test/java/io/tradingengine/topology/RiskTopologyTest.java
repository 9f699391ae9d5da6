package io.tradingengine.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static io.tradingengine.topology.EngineFixture.wire;

import io.tradingengine.avro.AssessmentEvent;
import io.tradingengine.avro.AssessmentEventType;
import io.tradingengine.avro.AssessmentStatus;
import io.tradingengine.avro.AssetClass;
import io.tradingengine.avro.DrawdownMode;
import io.tradingengine.avro.Market;
import io.tradingengine.avro.MarketStatus;
import io.tradingengine.avro.OrderResult;
import io.tradingengine.avro.OrderStatus;
import io.tradingengine.avro.Position;
import io.tradingengine.avro.Rules;
import io.tradingengine.avro.Side;
import io.tradingengine.avro.Trade;
import io.tradingengine.avro.TradeKind;
import io.tradingengine.avro.internal.AssessmentState;
import io.tradingengine.domain.Money;
import io.tradingengine.domain.PositionState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule book on the real topology: breaches from orders and from price ticks, liquidation, passing, daily
 * resets, settlement and cancellation of prediction markets, and the order-id retention, asserted on the output
 * topics and the stores. One account of 100,000 buys 1 BTC at 65,075.01 (ask 65,010 + 0.1 % slippage) with a fee of
 * 65.07501, which leaves a balance of 99,934.92499.
 */
class RiskTopologyTest {

    private static final String BTC = "BTC/USD";
    private static final String RAIN = "kalshi:RAIN";
    private static final Instant RESOLVED_AT = EngineFixture.START.plus(Duration.ofHours(1));

    @TempDir
    Path stateDir;

    private EngineFixture engine;

    @BeforeEach
    void setUp() {
        engine = new EngineFixture(stateDir);
        engine.market(BTC, AssetClass.CRYPTO, MarketStatus.OPEN);
        engine.tick(BTC, "64990", "65010", "65000");
    }

    @AfterEach
    void tearDown() {
        engine.close();
    }

    @Nested
    class StaticMaximumDrawdownOfTenPercent {

        @BeforeEach
        void buyOneBitcoin() {
            engine.assessment("A1", "u1", "100000", EngineFixture.riskRules("10", DrawdownMode.STATIC, null, null));
            engine.order("o1", "A1", "u1", BTC, Side.LONG, "1");
            engine.clearOutputs();
        }

        @Test
        void shouldDoNothingOnATickThatKeepsEquityAboveTheFloor() {
            engine.tick(BTC, "60000", "60010", null);

            assertThat(engine.events.isEmpty()).isTrue();
            assertThat(engine.trades.isEmpty()).isTrue();
            assertThat(engine.positions.isEmpty()).isTrue();
            assertThat(engine.assessmentStore().get("A1").getStatus()).isEqualTo(AssessmentStatus.ACTIVE);
        }

        @Test
        void shouldFailAndLiquidateOnTheTickThatBreachesWithoutAnyOrder() {
            // Mark 55,005: equity 99,934.92499 + 55,005 - 65,075.01 = 89,864.91499 < 90,000.
            engine.tick(BTC, "55000", "55010", null);

            TestRecord<String, AssessmentEvent> breach = engine.events.readRecord();
            assertThat(breach.key()).isEqualTo("A1");
            assertThat(breach.value().getEventId()).isEqualTo("A1:BREACH");
            assertThat(breach.value().getType()).isEqualTo(AssessmentEventType.BREACH);
            assertThat(breach.value().getStatus()).isEqualTo(AssessmentStatus.FAILED);
            assertThat(breach.value().getReason()).isEqualTo("MAX_DRAWDOWN");
            assertThat(breach.value().getDetail()).isEqualTo("equity 89864.91 < static drawdown floor 90000.00");
            assertThat(breach.value().getEquity()).isEqualTo(wire("89864.91499"));

            Trade liquidation = engine.trades.readValue();
            assertThat(liquidation.getTradeId()).isEqualTo("L-A1/BTC/USD");
            assertThat(liquidation.getKind()).isEqualTo(TradeKind.LIQUIDATION);
            assertThat(liquidation.getOrderId()).isNull();
            assertThat(liquidation.getUserId()).isEqualTo("u1");
            assertThat(liquidation.getSide()).isEqualTo(Side.SHORT);
            assertThat(liquidation.getQuantity()).isEqualTo(wire("1"));
            assertThat(liquidation.getPrice()).isEqualTo(wire("55005"));
            assertThat(liquidation.getFee()).isEqualTo(wire("0"));
            assertThat(liquidation.getRealizedPnl()).isEqualTo(wire("-10070.01"));

            TestRecord<String, Position> flat = engine.positions.readRecord();
            assertThat(flat.key()).isEqualTo("A1/BTC/USD");
            assertThat(flat.value().getQuantity()).isEqualTo(wire("0"));
            assertThat(engine.positionStore().get("A1/BTC/USD")).isEqualTo(flat.value());

            AssessmentState state = engine.assessmentStore().get("A1");
            assertThat(state.getStatus()).isEqualTo(AssessmentStatus.FAILED);
            assertThat(state.getReason()).isEqualTo("MAX_DRAWDOWN");
            assertThat(state.getBalance()).isEqualTo(wire("89864.91499"));
            assertThat(engine.holderStore().get(StoreNames.holderKey(BTC, "A1"))).isNull();
            assertThat(engine.results.isEmpty()).isTrue();
        }

        @Test
        void shouldRejectEveryLaterOrderAsNotActive() {
            engine.tick(BTC, "55000", "55010", null);
            engine.clearOutputs();

            engine.order("o2", "A1", "u1", BTC, Side.LONG, "0.1");
            engine.tick(BTC, "40000", "40010", null);

            OrderResult result = engine.results.readValue();
            assertThat(result.getReason()).isEqualTo("ASSESSMENT_NOT_ACTIVE");
            assertThat(result.getDetail()).isEqualTo("assessment A1 is FAILED (MAX_DRAWDOWN)");
            assertThat(engine.trades.isEmpty()).isTrue();
            assertThat(engine.events.isEmpty()).isTrue();
        }

        @Test
        void shouldFailAtOrderTimeWhenThePriceMovedBeforeItsTickWasMarked() {
            // The global prices store has the new price, the tick fan-out has not reached the assessment yet.
            engine.latestPrices.pipeInput(BTC, EngineFixture.newTick(BTC, "55000", "55010", null));

            engine.order("o2", "A1", "u1", BTC, Side.LONG, "0.1");

            OrderResult result = engine.results.readValue();
            assertThat(result.getStatus()).isEqualTo(OrderStatus.REJECTED);
            assertThat(result.getReason()).isEqualTo("MAX_DRAWDOWN");
            assertThat(result.getDetail()).isEqualTo("equity 89864.91 < static drawdown floor 90000.00");
            assertThat(engine.events.readValue().getType()).isEqualTo(AssessmentEventType.BREACH);
            assertThat(engine.trades.readValue().getKind()).isEqualTo(TradeKind.LIQUIDATION);
            assertThat(engine.assessmentStore().get("A1").getStatus()).isEqualTo(AssessmentStatus.FAILED);
        }

        @Test
        void shouldRejectAnOrderWhoseCostsAloneWouldCrossTheFloorAndStayActive() {
            // Mark 56,005: equity 90,864.91, 864.91 above the floor. 7.5 BTC more at 56,066.01 cost 420.50 of fee
            // and 457.58 of slippage against the mark: the order would leave 89,986.84.
            engine.assessment("A1", "u1", "100000", Rules.newBuilder(
                    EngineFixture.riskRules("10", DrawdownMode.STATIC, null, null))
                    .setMaxLeverage(EngineFixture.wire("10")).build());
            engine.tick(BTC, "56000", "56010", null);

            engine.order("o2", "A1", "u1", BTC, Side.LONG, "7.5");

            OrderResult result = engine.results.readValue();
            assertThat(result.getReason()).isEqualTo("MAX_DRAWDOWN");
            assertThat(result.getDetail())
                    .isEqualTo("after this order equity 89986.84 < static drawdown floor 90000.00");
            assertThat(engine.trades.isEmpty()).isTrue();
            assertThat(engine.assessmentStore().get("A1").getStatus()).isEqualTo(AssessmentStatus.ACTIVE);
            engine.order("o3", "A1", "u1", BTC, Side.LONG, "7");
            assertThat(engine.results.readValue().getStatus()).isEqualTo(OrderStatus.FILLED);
        }
    }

    @Test
    void shouldRaiseTheTrailingFloorWithTheEquityAtTheDailyReset() {
        engine.assessment("A1", "u1", "100000", EngineFixture.riskRules("10", DrawdownMode.TRAILING, null, null));
        engine.order("o1", "A1", "u1", BTC, Side.LONG, "1");
        // Mark 75,000: equity 99,934.92499 + 9,924.99 = 109,859.91499 at the end of the day.
        engine.tick(BTC, "74995", "75005", null);
        engine.clearOutputs();

        engine.driver.advanceWallClockTime(Duration.ofHours(12));

        AssessmentEvent reset = engine.events.readValue();
        assertThat(reset.getType()).isEqualTo(AssessmentEventType.DAILY_RESET);
        assertThat(reset.getEventId()).isEqualTo("A1:DAILY_RESET:2025-03-04T00:00:00Z");
        assertThat(reset.getEquity()).isEqualTo(wire("109859.91499"));
        assertThat(engine.assessmentStore().get("A1").getPeakEquity()).isEqualTo(wire("109859.91499"));
        // Back to 65,000 is exactly the new floor (peak - 10,000); 64,990 is below it.
        engine.tick(BTC, "64995", "65005", null);
        assertThat(engine.events.isEmpty()).isTrue();
        engine.tick(BTC, "64985", "64995", null);
        AssessmentEvent breach = engine.events.readValue();
        assertThat(breach.getReason()).isEqualTo("MAX_DRAWDOWN");
        assertThat(breach.getDetail()).isEqualTo("equity 99849.91 < trailing drawdown floor 99859.91");
    }

    @Test
    void shouldNotCountYesterdaysLossAgainstTodaysDailyLimit() {
        engine.assessment("A1", "u1", "100000", EngineFixture.riskRules(null, DrawdownMode.STATIC, "5", null));
        engine.order("o1", "A1", "u1", BTC, Side.LONG, "1");
        // Day 1 closes at mark 61,000: equity 95,859.91499, 4,140.09 down.
        engine.tick(BTC, "60995", "61005", null);
        engine.driver.advanceWallClockTime(Duration.ofHours(12));
        assertThat(engine.assessmentStore().get("A1").getDayStartEquity()).isEqualTo(wire("95859.91499"));
        engine.clearOutputs();

        // Day 2: another 5,000 down is exactly the limit; 8,140 down since the start would have breached.
        engine.tick(BTC, "55995", "56005", null);
        assertThat(engine.events.isEmpty()).isTrue();
        engine.tick(BTC, "55985", "55995", null);

        AssessmentEvent breach = engine.events.readValue();
        assertThat(breach.getReason()).isEqualTo("DAILY_LOSS_LIMIT");
        assertThat(breach.getDetail())
                .isEqualTo("equity 90849.91 < daily loss floor 90859.91 (day start 95859.91)");
    }

    @Test
    void shouldPassOnTheTickThatReachesTheProfitTargetAndKeepThePosition() {
        engine.assessment("A1", "u1", "100000", EngineFixture.riskRules(null, DrawdownMode.STATIC, null, "5"));
        engine.order("o1", "A1", "u1", BTC, Side.LONG, "1");
        engine.clearOutputs();

        engine.tick(BTC, "71000", "71020", null);

        AssessmentEvent passed = engine.events.readValue();
        assertThat(passed.getType()).isEqualTo(AssessmentEventType.PASSED);
        assertThat(passed.getStatus()).isEqualTo(AssessmentStatus.PASSED);
        assertThat(passed.getReason()).isEqualTo("PROFIT_TARGET");
        assertThat(engine.trades.isEmpty()).isTrue();
        assertThat(engine.positionStore().get("A1/BTC/USD").getQuantity()).isEqualTo(wire("1"));
        engine.order("o2", "A1", "u1", BTC, Side.SHORT, "1");
        assertThat(engine.results.readValue().getDetail()).isEqualTo("assessment A1 is PASSED (PROFIT_TARGET)");
    }

    @Test
    void shouldRejectAnOrderAboveTheMaximumOrderNotional() {
        Rules limited = Rules.newBuilder(EngineFixture.riskRules(null, DrawdownMode.STATIC, null, null))
                .setMaxOrderNotionalPercent(EngineFixture.wire("10")).build();
        engine.assessment("A1", "u1", "100000", limited);

        engine.order("o1", "A1", "u1", BTC, Side.LONG, "0.2");

        OrderResult result = engine.results.readValue();
        assertThat(result.getReason()).isEqualTo("MAX_ORDER_NOTIONAL");
        assertThat(result.getDetail()).isEqualTo("order notional 13015.00 > limit 10000.00 (10 % of equity 100000.00)");
    }

    @Test
    void shouldRunTheDailyResetAtTheAssessmentsOwnTimeAndEmitIt() {
        Rules newYork = Rules.newBuilder(EngineFixture.riskRules(null, DrawdownMode.STATIC, "5", null))
                .setDailyResetTime("17:00").setDailyResetZone("America/New_York").build();
        engine.assessment("A1", "u1", "100000", newYork);
        engine.clearOutputs();

        // 12:00 UTC + 9 h = 16:00 in New York: not yet; one more hour: 17:00 EST = 22:00 UTC.
        engine.driver.advanceWallClockTime(Duration.ofHours(9));
        assertThat(engine.events.isEmpty()).isTrue();
        engine.driver.advanceWallClockTime(Duration.ofHours(1));

        AssessmentEvent reset = engine.events.readValue();
        assertThat(reset.getEventId()).isEqualTo("A1:DAILY_RESET:2025-03-03T22:00:00Z");
        assertThat(reset.getDetail()).isEqualTo("day start equity 100000.00, peak equity 100000.00");
        assertThat(engine.resetStore().get("next/A1")).isEqualTo(String.format(Locale.ROOT, "%019d",
                Instant.parse("2025-03-04T22:00:00Z").toEpochMilli()));
    }

    @Test
    void shouldAnnounceCreationAndRuleChanges() {
        engine.assessment("A1", "u1", "100000");
        engine.assessment("A1", "u1", "100000", EngineFixture.riskRules("8", DrawdownMode.TRAILING, null, null));

        List<AssessmentEvent> events = engine.events.readValuesToList();
        assertThat(events).extracting(AssessmentEvent::getType)
                .containsExactly(AssessmentEventType.CREATED, AssessmentEventType.UPDATED);
        assertThat(events).extracting(AssessmentEvent::getEventId)
                .containsExactly("A1:CREATED", "A1:UPDATED:assessments-0@1");
    }

    @Nested
    class PredictionMarketsThatEnd {

        @BeforeEach
        void buyOneHundredYesShares() {
            engine.assessment("A1", "u1", "100000");
            engine.market(RAIN, AssetClass.PREDICTION, MarketStatus.OPEN);
            engine.tick(RAIN, "0.58", "0.60", null);
            // 100 at 0.60 x 1.002 = 0.6012, fee 0.12024.
            engine.order("o1", "A1", "u1", RAIN, Side.LONG, "100");
            engine.clearOutputs();
        }

        @Test
        void shouldSettleAtOneWhenTheMarketResolvesYes() {
            engine.market(RAIN, AssetClass.PREDICTION, MarketStatus.RESOLVED, "YES", RESOLVED_AT);

            Trade settlement = engine.trades.readValue();
            assertThat(settlement.getTradeId()).isEqualTo("S-A1/kalshi:RAIN@" + RESOLVED_AT.toEpochMilli());
            assertThat(settlement.getKind()).isEqualTo(TradeKind.SETTLEMENT);
            assertThat(settlement.getPrice()).isEqualTo(wire("1"));
            assertThat(settlement.getRealizedPnl()).isEqualTo(wire("39.88"));
            assertThat(engine.positions.readValue().getQuantity()).isEqualTo(wire("0"));
            AssessmentEvent event = engine.events.readValue();
            assertThat(event.getType()).isEqualTo(AssessmentEventType.UPDATED);
            assertThat(event.getReason()).isEqualTo("SETTLEMENT");
            assertThat(event.getDetail())
                    .isEqualTo("kalshi:RAIN resolved YES: settled position 100 at 1, realized 39.88");
            assertThat(engine.assessmentStore().get("A1").getBalance()).isEqualTo(wire("100039.75976"));
            assertThat(engine.holderStore().get(StoreNames.holderKey(RAIN, "A1"))).isNull();
        }

        @Test
        void shouldSettleAtZeroWhenTheMarketResolvesNo() {
            engine.market(RAIN, AssetClass.PREDICTION, MarketStatus.RESOLVED, "NO", RESOLVED_AT);

            Trade settlement = engine.trades.readValue();
            assertThat(settlement.getPrice()).isEqualTo(wire("0"));
            assertThat(settlement.getRealizedPnl()).isEqualTo(wire("-60.12"));
            assertThat(engine.assessmentStore().get("A1").getBalance()).isEqualTo(wire("99939.75976"));
        }

        @Test
        void shouldVoidAtEntryAndRefundTheFeesWhenTheMarketIsCancelled() {
            engine.market(RAIN, AssetClass.PREDICTION, MarketStatus.CANCELLED, null, RESOLVED_AT);

            Trade voided = engine.trades.readValue();
            assertThat(voided.getTradeId()).isEqualTo("V-A1/kalshi:RAIN@" + RESOLVED_AT.toEpochMilli());
            assertThat(voided.getKind()).isEqualTo(TradeKind.VOID);
            assertThat(voided.getPrice()).isEqualTo(wire("0.6012"));
            assertThat(voided.getFee()).isEqualTo(wire("-0.12024"));
            assertThat(voided.getRealizedPnl()).isEqualTo(wire("0"));
            assertThat(engine.events.readValue().getReason()).isEqualTo("VOID");
            assertThat(engine.assessmentStore().get("A1").getBalance()).isEqualTo(wire("100000"));
            assertThat(engine.positionStore().get("A1/kalshi:RAIN").getFees()).isEqualTo(wire("0"));
        }

        @Test
        void shouldRejectOrdersOnAResolvedMarket() {
            engine.market(RAIN, AssetClass.PREDICTION, MarketStatus.RESOLVED, "YES", RESOLVED_AT);

            engine.order("o2", "A1", "u1", RAIN, Side.LONG, "10");

            OrderResult result = engine.results.readValue();
            assertThat(result.getReason()).isEqualTo("MARKET_NOT_OPEN");
            assertThat(result.getDetail()).isEqualTo("market kalshi:RAIN is RESOLVED");
        }

        @Test
        void shouldRefuseOrdersOnAMarketThisTaskSettledWhileTheGlobalStoreStillSaysOpen() {
            engine.market(RAIN, AssetClass.PREDICTION, MarketStatus.RESOLVED, "NO", RESOLVED_AT);
            // The global markets store lags the fan-out of the end: it still says OPEN, with a feed timestamp that
            // is even later than the end's (feeds do not promise monotonic timestamps).
            engine.latestMarkets.pipeInput(RAIN, Market.newBuilder().setMarket(RAIN)
                    .setAssetClass(AssetClass.PREDICTION).setStatus(MarketStatus.OPEN)
                    .setUpdatedAt(RESOLVED_AT.plusSeconds(3600)).build());
            engine.clearOutputs();

            engine.order("o3", "A1", "u1", RAIN, Side.LONG, "10");

            OrderResult result = engine.results.readValue();
            assertThat(result.getReason()).isEqualTo("MARKET_NOT_OPEN");
            assertThat(engine.trades.isEmpty()).isTrue();
            assertThat(engine.positionStore().get("A1/kalshi:RAIN").getQuantity()).isEqualTo(wire("0"));
        }

        @Test
        void shouldFillAnOrderOnAMarketThatReopenedAfterTheEndThisTaskSaw() {
            engine.market(RAIN, AssetClass.PREDICTION, MarketStatus.CANCELLED, null, RESOLVED_AT);
            engine.market(RAIN, AssetClass.PREDICTION, MarketStatus.OPEN, null, RESOLVED_AT.plusSeconds(60));
            engine.tick(RAIN, "0.55", "0.57", null);
            engine.clearOutputs();

            engine.order("o3", "A1", "u1", RAIN, Side.LONG, "10");

            assertThat(engine.results.readValue().getStatus()).isEqualTo(OrderStatus.FILLED);
        }
    }

    @Test
    void shouldRebuildAnEmptyHoldersIndexFromThePositionsOfAnOlderStateDir() {
        engine.close();
        engine = new EngineFixture(stateDir.resolve("upgrade"));
        engine.market(BTC, AssetClass.CRYPTO, MarketStatus.OPEN);
        engine.assessment("A1", "u1", "100000", EngineFixture.riskRules("10", DrawdownMode.STATIC, null, null));
        // A position as a state dir from before the holders index would hold it: in the store, not in the index.
        engine.positionStore().put("A1/BTC/USD", AvroMapping.position("A1", BTC,
                io.tradingengine.domain.AssetClass.CRYPTO, new PositionState(Money.of("1"), Money.of("65000"),
                        Money.ZERO, Money.ZERO), Money.of("65000"), EngineFixture.START));

        engine.tick(BTC, "50000", "50010", null);

        assertThat(holders(BTC)).isEmpty();
        assertThat(engine.trades.readValue().getKind()).isEqualTo(TradeKind.LIQUIDATION);
        assertThat(engine.assessmentStore().get("A1").getStatus()).isEqualTo(AssessmentStatus.FAILED);
    }

    @Test
    void shouldBroadcastATickOnceAndKeepTheHoldersOfEachMarketInTheAssessmentDesk() {
        engine.market("ETH/USD", AssetClass.CRYPTO, MarketStatus.OPEN);
        engine.tick("ETH/USD", "2999", "3001", null);
        for (String id : List.of("A1", "A2", "A3")) {
            engine.assessment(id, "u1", "100000");
        }
        engine.order("o1", "A1", "u1", BTC, Side.LONG, "0.1");
        engine.order("o2", "A2", "u1", BTC, Side.SHORT, "0.1");
        engine.order("o3", "A3", "u1", "ETH/USD", Side.LONG, "1");
        TestOutputTopic<String, byte[]> fanout = engine.driver.createOutputTopic(
                "engine-test-" + TradingTopology.TICK_FANOUT + "-repartition", new StringDeserializer(),
                new ByteArrayDeserializer());
        fanout.readRecordsToList();

        engine.tick(BTC, "65100", "65110", null);

        // One record per partition of the assessment desk (the test driver has one), whatever the holders.
        assertThat(fanout.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly(BTC);
        assertThat(holders(BTC)).containsExactly("A1", "A2");
        assertThat(holders("ETH/USD")).containsExactly("A3");

        engine.order("o4", "A1", "u1", BTC, Side.SHORT, "0.1");

        assertThat(holders(BTC)).containsExactly("A2");
    }

    @Test
    void shouldWriteTheHoldersIndexOnlyWhenAPositionOpensOrGoesFlat() {
        engine.assessment("A1", "u1", "100000");
        TestOutputTopic<String, String> changelog = engine.driver.createOutputTopic(
                "engine-test-" + StoreNames.HOLDERS + "-changelog", new StringDeserializer(), new StringDeserializer());

        engine.order("o1", "A1", "u1", BTC, Side.LONG, "0.1");
        engine.order("o2", "A1", "u1", BTC, Side.LONG, "0.2");
        engine.order("o3", "A1", "u1", BTC, Side.SHORT, "0.1");
        engine.order("o4", "A1", "u1", BTC, Side.SHORT, "0.2");

        // Opened, then changed while open (no record), then flat: one registration and one tombstone.
        assertThat(changelog.readKeyValuesToList()).containsExactly(
                KeyValue.pair(StoreNames.holderKey(BTC, "A1"), "A1"),
                KeyValue.pair(StoreNames.holderKey(BTC, "A1"), null));
        assertThat(holders(BTC)).isEmpty();

        engine.order("o5", "A1", "u1", BTC, Side.SHORT, "0.1");
        engine.order("o6", "A1", "u1", BTC, Side.LONG, "0.3");

        // Short, then flipped to long: open the whole time, so one registration.
        assertThat(changelog.readKeyValuesToList()).containsExactly(
                KeyValue.pair(StoreNames.holderKey(BTC, "A1"), "A1"));
        assertThat(holders(BTC)).containsExactly("A1");
    }

    private List<String> holders(String market) {
        List<String> ids = new ArrayList<>();
        try (KeyValueIterator<String, String> it = engine.holderStore().prefixScan(StoreNames.holderPrefix(market),
                new StringSerializer())) {
            it.forEachRemaining(kv -> ids.add(kv.value));
        }
        return ids;
    }

    @Test
    void shouldForgetAnOrderIdAfterTheRetention() {
        engine.close();
        engine = new EngineFixture(stateDir.resolve("retention"),
                TopologyConfig.defaults().withOrderIdRetention(Duration.ofHours(1)));
        engine.market(BTC, AssetClass.CRYPTO, MarketStatus.OPEN);
        engine.tick(BTC, "64990", "65010", "65000");
        engine.assessment("A1", "u1", "100000");
        engine.order("o1", "A1", "u1", BTC, Side.LONG, "0.1");
        engine.driver.advanceWallClockTime(Duration.ofMinutes(59));
        assertThat(engine.resultStore().get("o1")).isNotNull();

        engine.driver.advanceWallClockTime(Duration.ofMinutes(2));

        assertThat(engine.resultStore().get("o1")).isNull();
        List<KeyValue<String, String>> expiry = new ArrayList<>();
        engine.driver.<String, String>getKeyValueStore(StoreNames.ORDER_EXPIRY).all()
                .forEachRemaining(expiry::add);
        assertThat(expiry).isEmpty();
    }
}
