package io.tradingengine.topology;

import io.tradingengine.avro.Assessment;
import io.tradingengine.avro.AssessmentEvent;
import io.tradingengine.avro.AssetClass;
import io.tradingengine.avro.DrawdownMode;
import io.tradingengine.avro.Market;
import io.tradingengine.avro.MarketStatus;
import io.tradingengine.avro.Order;
import io.tradingengine.avro.OrderResult;
import io.tradingengine.avro.Position;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.avro.Rules;
import io.tradingengine.avro.Side;
import io.tradingengine.avro.Trade;
import io.tradingengine.avro.internal.AssessmentState;
import io.tradingengine.schemas.Decimals;
import io.tradingengine.schemas.Topics;
import io.tradingengine.schemas.registry.InMemorySchemaStore;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/** A TopologyTestDriver over the real topology and the real Streams settings, with typed topics and stores. */
final class EngineFixture implements AutoCloseable {

    static final Instant START = Instant.parse("2025-03-03T12:00:00Z");

    final Topics topics = new Topics(new InMemorySchemaStore(), true);
    final TopologyTestDriver driver;
    final TestInputTopic<String, Order> orders;
    final TestInputTopic<String, byte[]> rawOrders;
    final TestInputTopic<String, Assessment> assessments;
    final TestInputTopic<String, PriceTick> prices;
    final TestInputTopic<String, Market> markets;
    final TestOutputTopic<String, OrderResult> results;
    final TestOutputTopic<String, Trade> trades;
    final TestOutputTopic<String, Position> positions;
    final TestOutputTopic<String, AssessmentEvent> events;
    final TestInputTopic<String, byte[]> rawPrices;
    final TestInputTopic<String, byte[]> rawMarkets;
    final TestInputTopic<String, byte[]> rawAssessments;
    final TestInputTopic<String, PriceTick> latestPrices;
    final TestInputTopic<String, Market> latestMarkets;
    final TestOutputTopic<String, byte[]> ordersDlq;
    final TestOutputTopic<String, byte[]> assessmentsDlq;
    final TestOutputTopic<String, byte[]> pricesDlq;
    final TestOutputTopic<String, byte[]> marketsDlq;

    EngineFixture(Path stateDir) {
        this(stateDir, TopologyConfig.defaults());
    }

    EngineFixture(Path stateDir, TopologyConfig config) {
        this(stateDir, config, StreamsConfig.EXACTLY_ONCE_V2);
    }

    /**
     * With another processing guarantee. The test driver drops what a task produces outside of processing (the
     * dead letters of the deserialization handler, sent while records are enqueued) when it runs exactly-once,
     * because it clears the producer's uncommitted sends before its first commit; under at-least-once it keeps
     * them. A real broker commits them with the skipped offset.
     */
    EngineFixture(Path stateDir, TopologyConfig config, String processingGuarantee) {
        Properties props = StreamsSettings.properties("engine-test", "dummy:9092", stateDir.toString(), null);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        driver = new TopologyTestDriver(TradingTopology.build(config, topics), props, START);
        StringSerializer keys = new StringSerializer();
        orders = driver.createInputTopic(Topics.ORDERS, keys, topics.orders.valueSerde().serializer());
        rawOrders = driver.createInputTopic(Topics.ORDERS, keys, new ByteArraySerializer());
        assessments = driver.createInputTopic(Topics.ASSESSMENTS, keys, topics.assessments.valueSerde().serializer());
        prices = driver.createInputTopic(Topics.PRICES, keys, topics.prices.valueSerde().serializer());
        markets = driver.createInputTopic(Topics.MARKETS, keys, topics.markets.valueSerde().serializer());
        StringDeserializer keyReader = new StringDeserializer();
        results = driver.createOutputTopic(Topics.ORDER_RESULTS, keyReader,
                topics.orderResults.valueSerde().deserializer());
        trades = driver.createOutputTopic(Topics.TRADES, keyReader, topics.trades.valueSerde().deserializer());
        positions = driver.createOutputTopic(Topics.POSITIONS, keyReader,
                topics.positions.valueSerde().deserializer());
        events = driver.createOutputTopic(Topics.ASSESSMENT_EVENTS, keyReader,
                topics.assessmentEvents.valueSerde().deserializer());
        ByteArraySerializer bytes = new ByteArraySerializer();
        rawPrices = driver.createInputTopic(Topics.PRICES, keys, bytes);
        rawMarkets = driver.createInputTopic(Topics.MARKETS, keys, bytes);
        rawAssessments = driver.createInputTopic(Topics.ASSESSMENTS, keys, bytes);
        latestPrices = driver.createInputTopic(EngineTopics.PRICES_LATEST, keys,
                topics.prices.valueSerde().serializer());
        latestMarkets = driver.createInputTopic(EngineTopics.MARKETS_LATEST, keys,
                topics.markets.valueSerde().serializer());
        ByteArrayDeserializer bytesReader = new ByteArrayDeserializer();
        ordersDlq = driver.createOutputTopic(EngineTopics.ORDERS_DLQ, keyReader, bytesReader);
        assessmentsDlq = driver.createOutputTopic(EngineTopics.ASSESSMENTS_DLQ, keyReader, bytesReader);
        pricesDlq = driver.createOutputTopic(EngineTopics.PRICES_DLQ, keyReader, bytesReader);
        marketsDlq = driver.createOutputTopic(EngineTopics.MARKETS_DLQ, keyReader, bytesReader);
    }

    KeyValueStore<String, String> holderStore() {
        return driver.getKeyValueStore(StoreNames.HOLDERS);
    }

    KeyValueStore<String, String> resetStore() {
        return driver.getKeyValueStore(StoreNames.DAILY_RESETS);
    }

    /** Drops everything emitted so far, so a test reads only what its own step caused. */
    void clearOutputs() {
        results.readRecordsToList();
        trades.readRecordsToList();
        positions.readRecordsToList();
        events.readRecordsToList();
    }

    void market(String market, AssetClass assetClass, MarketStatus status, String outcome, Instant updatedAt) {
        markets.pipeInput(market, Market.newBuilder().setMarket(market).setAssetClass(assetClass).setStatus(status)
                .setOutcome(outcome).setUpdatedAt(updatedAt).build());
    }

    /**
     * Rules with the equity limits set (percent strings, null for none), leverage 1, reset at 00:00 UTC.
     */
    static Rules riskRules(String maxDrawdown, DrawdownMode mode, String dailyLoss, String profitTarget) {
        return Rules.newBuilder().setMaxDrawdownPercent(wire(maxDrawdown)).setDrawdownMode(mode)
                .setDailyLossPercent(wire(dailyLoss)).setProfitTargetPercent(wire(profitTarget))
                .setMaxOrderNotionalPercent(null).setMaxPositionNotionalPercent(null).setMaxLeverage(null)
                .setDailyResetTime("00:00").setDailyResetZone("UTC").build();
    }

    /** The value of a dead-letter header, or null. */
    static String header(TestRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    KeyValueStore<String, AssessmentState> assessmentStore() {
        return driver.getKeyValueStore(StoreNames.ASSESSMENTS);
    }

    KeyValueStore<String, Position> positionStore() {
        return driver.getKeyValueStore(StoreNames.POSITIONS);
    }

    KeyValueStore<String, OrderResult> resultStore() {
        return driver.getKeyValueStore(StoreNames.ORDER_RESULTS);
    }

    void market(String market, AssetClass assetClass, MarketStatus status) {
        markets.pipeInput(market, Market.newBuilder().setMarket(market).setAssetClass(assetClass).setStatus(status)
                .setUpdatedAt(START).build());
    }

    void tick(String market, String bid, String ask, String last) {
        prices.pipeInput(market, newTick(market, bid, ask, last));
    }

    static PriceTick newTick(String market, String bid, String ask, String last) {
        return PriceTick.newBuilder().setMarket(market).setSource("test")
                .setBid(wire(bid)).setAsk(wire(ask)).setLast(wire(last)).setTimestamp(START).build();
    }

    void assessment(String id, String userId, String startingBalance) {
        assessment(id, userId, startingBalance, rules(null, "UTC"));
    }

    /**
     * Rules with every field set: a generated builder that fills the enum default itself goes through Avro's own
     * class loading, which Avro 1.12 refuses without the JVM-wide trusted-packages setting.
     */
    static Rules rules(String maxLeverage, String dailyResetZone) {
        return Rules.newBuilder().setMaxDrawdownPercent(null).setDrawdownMode(DrawdownMode.STATIC)
                .setDailyLossPercent(null).setProfitTargetPercent(null).setMaxOrderNotionalPercent(null)
                .setMaxPositionNotionalPercent(null).setMaxLeverage(wire(maxLeverage)).setDailyResetTime("00:00")
                .setDailyResetZone(dailyResetZone).build();
    }

    void assessment(String id, String userId, String startingBalance, Rules rules) {
        assessments.pipeInput(id, Assessment.newBuilder().setAssessmentId(id).setUserId(userId)
                .setStartingBalance(wire(startingBalance)).setRules(rules).setCreatedAt(START).build());
    }

    void order(String orderId, String assessmentId, String userId, String market, Side side, String quantity) {
        orders.pipeInput(assessmentId, newOrder(orderId, assessmentId, userId, market, side, quantity));
    }

    void order(String orderId, String assessmentId, String userId, String market, Side side, String quantity,
               String correlationId) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Topics.CORRELATION_ID_HEADER, correlationId.getBytes(StandardCharsets.UTF_8));
        orders.pipeInput(new TestRecord<>(assessmentId, newOrder(orderId, assessmentId, userId, market, side, quantity),
                headers));
    }

    static Order newOrder(String orderId, String assessmentId, String userId, String market, Side side,
                          String quantity) {
        return Order.newBuilder().setOrderId(orderId).setAssessmentId(assessmentId).setUserId(userId)
                .setMarket(market).setSide(side).setQuantity(wire(quantity)).setSubmittedAt(START).build();
    }

    /** A decimal as it is on the wire and in the stores: Avro {@code decimal(38, 18)}, so at scale 18. */
    static BigDecimal wire(String value) {
        return value == null ? null : Decimals.wire(new BigDecimal(value));
    }

    @Override
    public void close() {
        driver.close();
    }
}
