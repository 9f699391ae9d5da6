package io.tradingengine.topology;

import io.tradingengine.avro.Market;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.avro.internal.AssessmentState;
import io.tradingengine.domain.OrderEngine;
import io.tradingengine.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The engine's Kafka Streams topology, a pure factory. Two sub-topologies, a market desk partitioned by market id
 * and an assessment desk partitioned by assessment id, talk through two named repartition topics that broadcast;
 * topology/docs/risk-engine.md explains the design.
 *
 * <pre>
 * MARKET DESK (prices, markets; store market-states-store)
 * prices  ──> price-router  ──> prices-latest ──────────> GlobalKTable prices-store
 *                           ├─> prices-dlq                       │ (order joins, ledger, REST layer)
 *                           └─> tick-fanout (key market id, broadcast: one record per assessment-desk partition)
 * markets ──> market-router ──> markets-latest ─────────> GlobalKTable markets-store
 *                           ├─> markets-dlq
 *                           └─> market-fanout (RESOLVED / CANCELLED, broadcast)
 *
 * ASSESSMENT DESK (orders, assessments, tick-fanout, market-fanout; co-partitioned)
 * orders ──> order-market-join ──> order-price-join ──> order-processor ─┐  [assessments-store, positions-store,
 * assessments ──> assessment-processor (daily resets on punctuation) ─────┤   holdings-store, order-results-store,
 * tick-fanout ──> mark-to-market (the local holders of the market) ───────┤   order-expiry-store, daily-resets-store,
 * market-fanout ──> settlement (the local holders of the market) ─────────┤   market-ends-store]
 *   assessment-desk-outputs: order-results, trades, positions, assessment-events, orders-dlq, assessments-dlq
 * </pre>
 *
 * <p>Every node, store, join and repartition topic is named (constants below and in {@link StoreNames}); changing a
 * store name changes its changelog topic and breaks the REST layer's queries, which a test on {@code describe()}
 * guards. The topics besides {@link Topics} that the application must create are in {@link EngineTopics}.
 */
public final class TradingTopology {

    public static final String ORDERS_SOURCE = "orders-source";
    public static final String ASSESSMENTS_SOURCE = "assessments-source";
    public static final String PRICES_SOURCE = "prices-source";
    public static final String MARKETS_SOURCE = "markets-source";
    /** Global table of prices (from {@code prices-latest}): its source node is {@code prices-table-source}. */
    public static final String PRICES_TABLE = "prices-table";
    /** Global table of markets (from {@code markets-latest}): its source node is {@code markets-table-source}. */
    public static final String MARKETS_TABLE = "markets-table";
    public static final String ORDER_MARKET_JOIN = "order-market-join";
    public static final String ORDER_PRICE_JOIN = "order-price-join";
    public static final String ORDER_PROCESSOR = "order-processor";
    public static final String ASSESSMENT_PROCESSOR = "assessment-processor";
    public static final String MARK_TO_MARKET = "mark-to-market";
    public static final String SETTLEMENT = "settlement";
    public static final String PRICE_ROUTER = "price-router";
    public static final String MARKET_ROUTER = "market-router";
    /** Broadcast of every valid tick to every partition of the assessment desk (key market id). */
    public static final String TICK_FANOUT = "tick-fanout";
    /** Broadcast of RESOLVED and CANCELLED markets to every partition of the assessment desk (key market id). */
    public static final String MARKET_FANOUT = "market-fanout";
    public static final String ASSESSMENT_DESK_OUTPUTS = "assessment-desk-outputs";
    public static final String MARKET_DESK_OUTPUTS = "market-desk-outputs";
    public static final String ORDER_RESULTS_SINK = "order-results-sink";
    public static final String TRADES_SINK = "trades-sink";
    public static final String POSITIONS_SINK = "positions-sink";
    public static final String EVENTS_SINK = "assessment-events-sink";
    public static final String ORDERS_DLQ_SINK = "orders-dlq-sink";
    public static final String ASSESSMENTS_DLQ_SINK = "assessments-dlq-sink";
    public static final String PRICES_DLQ_SINK = "prices-dlq-sink";
    public static final String MARKETS_DLQ_SINK = "markets-dlq-sink";
    public static final String PRICES_LATEST_SINK = "prices-latest-sink";
    public static final String MARKETS_LATEST_SINK = "markets-latest-sink";

    /** Source nodes of the assessment desk, co-partitioned by assessment id. */
    static final List<String> ASSESSMENT_DESK_SOURCES = List.of(ORDERS_SOURCE, ASSESSMENTS_SOURCE,
            repartitionSource(TICK_FANOUT), repartitionSource(MARKET_FANOUT));
    /** Source nodes of the market desk, co-partitioned by market id. */
    static final List<String> MARKET_DESK_SOURCES = List.of(PRICES_SOURCE, MARKETS_SOURCE);

    private TradingTopology() {
    }

    /** Builds the topology for the given behaviour and topic catalogue. */
    public static Topology build(TopologyConfig config, Topics topics) {
        return build(config, topics, TopicNaming.LIVE);
    }

    /**
     * Builds the topology reading and writing the topics of {@code naming}: the same nodes, stores and repartition
     * names as the live topology, on other topic names (a shadow application for a replay). Every topic, including
     * {@code prices-latest}, {@code markets-latest} and the dead-letter topics, is renamed, so a shadow never
     * touches a live topic; the dead-letter handler needs {@link DeadLetterDeserializationHandler#TOPIC_PREFIX_CONFIG}
     * set to the same prefix.
     */
    public static Topology build(TopologyConfig config, Topics topics, TopicNaming naming) {
        return build(config, topics, naming, new CopartitioningStreamsBuilder());
    }

    static Topology build(TopologyConfig config, Topics topics, CopartitioningStreamsBuilder builder) {
        return build(config, topics, TopicNaming.LIVE, builder);
    }

    static Topology build(TopologyConfig config, Topics topics, TopicNaming naming,
                          CopartitioningStreamsBuilder builder) {
        addStores(builder, topics);
        EngineTopics engineTopics = new EngineTopics(topics, naming);
        Serde<String> keys = Serdes.String();

        GlobalKTable<String, Market> markets = builder.globalTable(engineTopics.marketsLatest.name(),
                Consumed.with(keys, topics.markets.valueSerde()).withName(MARKETS_TABLE),
                Materialized.<String, Market, KeyValueStore<Bytes, byte[]>>as(StoreNames.MARKETS)
                        .withKeySerde(keys)
                        .withValueSerde(topics.markets.valueSerde()));
        GlobalKTable<String, PriceTick> prices = builder.globalTable(engineTopics.pricesLatest.name(),
                Consumed.with(keys, topics.prices.valueSerde()).withName(PRICES_TABLE),
                Materialized.<String, PriceTick, KeyValueStore<Bytes, byte[]>>as(StoreNames.PRICES)
                        .withKeySerde(keys)
                        .withValueSerde(topics.prices.valueSerde()));

        // Market desk: validation, the global stores' topics and the fan-outs.
        KStream<String, DeskOutput> priceOutputs = builder.stream(naming.name(topics.prices.name()),
                        Consumed.with(keys, topics.prices.valueSerde()).withName(PRICES_SOURCE))
                .process(PriceRouter::new, Named.as(PRICE_ROUTER), StoreNames.MARKET_STATES);
        KStream<String, DeskOutput> marketOutputs = builder.stream(naming.name(topics.markets.name()),
                        Consumed.with(keys, topics.markets.valueSerde()).withName(MARKETS_SOURCE))
                .process(MarketRouter::new, Named.as(MARKET_ROUTER), StoreNames.MARKET_STATES);
        Map<String, KStream<String, DeskOutput>> fanouts = routeDeskOutputs(
                priceOutputs.merge(marketOutputs, Named.as("market-desk-entries")), topics, engineTopics);

        // Assessment desk: orders and assessments.
        OrderEngine engine = new OrderEngine(config.costs(), config.freshness());
        Duration retention = config.orderIdRetention();
        KStream<String, EngineOutput> orderOutputs = builder.stream(naming.name(topics.orders.name()),
                        Consumed.with(keys, topics.orders.valueSerde()).withName(ORDERS_SOURCE))
                .leftJoin(markets, OrderMarketJoiner.MARKET_OF_ORDER, new OrderMarketJoiner(),
                        Named.as(ORDER_MARKET_JOIN))
                .leftJoin(prices, OrderPriceJoiner.MARKET_OF_ORDER, new OrderPriceJoiner(),
                        Named.as(ORDER_PRICE_JOIN))
                .process(() -> new OrderProcessor(engine, retention), Named.as(ORDER_PROCESSOR),
                        StoreNames.ASSESSMENTS, StoreNames.POSITIONS, StoreNames.HOLDERS, StoreNames.LEDGER_CACHE,
                        StoreNames.ORDER_RESULTS, StoreNames.ORDER_EXPIRY, StoreNames.MARKET_ENDS);
        KStream<String, EngineOutput> assessmentOutputs = builder.stream(naming.name(topics.assessments.name()),
                        Consumed.with(keys, topics.assessments.valueSerde()).withName(ASSESSMENTS_SOURCE))
                .process(AssessmentProcessor::new, Named.as(ASSESSMENT_PROCESSOR), StoreNames.ASSESSMENTS,
                        StoreNames.POSITIONS, StoreNames.HOLDERS, StoreNames.LEDGER_CACHE, StoreNames.DAILY_RESETS);

        // Assessment desk: mark to market and settlement of the local holders, from the broadcast fan-outs.
        KStream<String, EngineOutput> tickOutputs = fanouts.get(MARKET_DESK_OUTPUTS + "-tick-fanout")
                .mapValues(DeskOutput::tick, Named.as("to-tick"))
                .repartition(Repartitioned.<String, PriceTick>as(TICK_FANOUT)
                        .withKeySerde(keys).withValueSerde(topics.prices.valueSerde())
                        .withStreamPartitioner(new BroadcastPartitioner<>()))
                .process(MarkToMarketProcessor::new, Named.as(MARK_TO_MARKET), StoreNames.ASSESSMENTS,
                        StoreNames.POSITIONS, StoreNames.HOLDERS, StoreNames.LEDGER_CACHE);
        KStream<String, EngineOutput> settlementOutputs = fanouts.get(MARKET_DESK_OUTPUTS + "-market-fanout")
                .mapValues(DeskOutput::market, Named.as("to-market"))
                .repartition(Repartitioned.<String, Market>as(MARKET_FANOUT)
                        .withKeySerde(keys).withValueSerde(topics.markets.valueSerde())
                        .withStreamPartitioner(new BroadcastPartitioner<>()))
                .process(SettlementProcessor::new, Named.as(SETTLEMENT), StoreNames.ASSESSMENTS,
                        StoreNames.POSITIONS, StoreNames.HOLDERS, StoreNames.LEDGER_CACHE, StoreNames.MARKET_ENDS);
        routeOutputs(orderOutputs.merge(assessmentOutputs, Named.as("order-and-assessment-outputs"))
                .merge(tickOutputs, Named.as("order-and-risk-outputs"))
                .merge(settlementOutputs, Named.as("assessment-desk-all")), topics, engineTopics, naming);

        builder.copartition(ASSESSMENT_DESK_SOURCES);
        builder.copartition(MARKET_DESK_SOURCES);
        return builder.build();
    }

    /** Sends every output of the assessment desk to its topic. */
    private static void routeOutputs(KStream<String, EngineOutput> outputs, Topics topics, EngineTopics engineTopics,
                                     TopicNaming naming) {
        outputs.split(Named.as(ASSESSMENT_DESK_OUTPUTS))
                .branch((key, out) -> out.is(EngineOutput.Kind.ORDER_RESULT), Branched.withConsumer(stream -> stream
                        .mapValues(EngineOutput::orderResult, Named.as("to-order-result"))
                        .to(naming.name(topics.orderResults.name()), Produced.with(topics.orderResults.keySerde(),
                                topics.orderResults.valueSerde()).withName(ORDER_RESULTS_SINK)), "-results"))
                .branch((key, out) -> out.is(EngineOutput.Kind.TRADE), Branched.withConsumer(stream -> stream
                        .mapValues(EngineOutput::trade, Named.as("to-trade"))
                        .to(naming.name(topics.trades.name()), Produced.with(topics.trades.keySerde(),
                                topics.trades.valueSerde()).withName(TRADES_SINK)), "-trades"))
                .branch((key, out) -> out.is(EngineOutput.Kind.POSITION), Branched.withConsumer(stream -> stream
                        .mapValues(EngineOutput::position, Named.as("to-position"))
                        .to(naming.name(topics.positions.name()), Produced.with(topics.positions.keySerde(),
                                topics.positions.valueSerde()).withName(POSITIONS_SINK)), "-positions"))
                .branch((key, out) -> out.is(EngineOutput.Kind.EVENT), Branched.withConsumer(stream -> stream
                        .mapValues(EngineOutput::event, Named.as("to-event"))
                        .to(naming.name(topics.assessmentEvents.name()), Produced.with(
                                topics.assessmentEvents.keySerde(), topics.assessmentEvents.valueSerde()).withName(EVENTS_SINK)), "-events"))
                .branch((key, out) -> out.is(EngineOutput.Kind.DEAD_ORDER), Branched.withConsumer(stream -> stream
                        .mapValues(EngineOutput::order, Named.as("to-dead-order"))
                        .to(engineTopics.ordersDlq.name(), Produced.with(topics.orders.keySerde(),
                                topics.orders.valueSerde()).withName(ORDERS_DLQ_SINK)), "-dead-orders"))
                .branch((key, out) -> out.is(EngineOutput.Kind.DEAD_ASSESSMENT), Branched.withConsumer(stream -> stream
                        .mapValues(EngineOutput::assessment, Named.as("to-dead-assessment"))
                        .to(engineTopics.assessmentsDlq.name(), Produced.with(topics.assessments.keySerde(),
                                topics.assessments.valueSerde()).withName(ASSESSMENTS_DLQ_SINK)), "-dead-assessments"))
                .noDefaultBranch();
    }


    /** Sends the market desk's outputs to their topics; returns the tick and market fan-outs by branch name. */
    private static Map<String, KStream<String, DeskOutput>> routeDeskOutputs(KStream<String, DeskOutput> outputs,
                                                                            Topics topics, EngineTopics engineTopics) {
        return outputs.split(Named.as(MARKET_DESK_OUTPUTS))
                .branch((key, out) -> out.is(DeskOutput.Kind.LATEST_PRICE), Branched.withConsumer(stream -> stream
                        .mapValues(DeskOutput::tick, Named.as("to-latest-price"))
                        .to(engineTopics.pricesLatest.name(), Produced.with(topics.prices.keySerde(),
                                topics.prices.valueSerde()).withName(PRICES_LATEST_SINK)), "-latest-prices"))
                .branch((key, out) -> out.is(DeskOutput.Kind.LATEST_MARKET), Branched.withConsumer(stream -> stream
                        .mapValues(DeskOutput::market, Named.as("to-latest-market"))
                        .to(engineTopics.marketsLatest.name(), Produced.with(topics.markets.keySerde(),
                                topics.markets.valueSerde()).withName(MARKETS_LATEST_SINK)), "-latest-markets"))
                .branch((key, out) -> out.is(DeskOutput.Kind.DEAD_PRICE), Branched.withConsumer(stream -> stream
                        .mapValues(DeskOutput::tick, Named.as("to-dead-price"))
                        .to(engineTopics.pricesDlq.name(), Produced.with(topics.prices.keySerde(),
                                topics.prices.valueSerde()).withName(PRICES_DLQ_SINK)), "-dead-prices"))
                .branch((key, out) -> out.is(DeskOutput.Kind.DEAD_MARKET), Branched.withConsumer(stream -> stream
                        .mapValues(DeskOutput::market, Named.as("to-dead-market"))
                        .to(engineTopics.marketsDlq.name(), Produced.with(topics.markets.keySerde(),
                                topics.markets.valueSerde()).withName(MARKETS_DLQ_SINK)), "-dead-markets"))
                .branch((key, out) -> out.is(DeskOutput.Kind.TICK_FANOUT), Branched.as("-tick-fanout"))
                .branch((key, out) -> out.is(DeskOutput.Kind.MARKET_FANOUT), Branched.as("-market-fanout"))
                .noDefaultBranch();
    }

    private static void addStores(CopartitioningStreamsBuilder builder, Topics topics) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.ASSESSMENTS),
                Serdes.String(), topics.<AssessmentState>serde(AssessmentState.getClassSchema())));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.POSITIONS),
                Serdes.String(), topics.positions.valueSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.ORDER_RESULTS),
                Serdes.String(), topics.orderResults.valueSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.ORDER_EXPIRY),
                Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.DAILY_RESETS),
                Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.HOLDERS),
                Serdes.String(), Serdes.String()));
        builder.addStateStore(new LedgerCache.Builder(StoreNames.LEDGER_CACHE, LedgerCache.DEFAULT_MAX_ASSESSMENTS));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.MARKET_ENDS),
                Serdes.String(), topics.markets.valueSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.MARKET_STATES),
                Serdes.String(), topics.markets.valueSerde()));
    }

    private static String repartitionSource(String name) {
        return name + "-repartition-source";
    }
}
