package io.tradingengine.topology;

import io.tradingengine.avro.Market;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.avro.internal.AssessmentState;
import io.tradingengine.domain.OrderEngine;
import io.tradingengine.schemas.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The engine's Kafka Streams topology, a pure factory.
 *
 * <pre>
 * prices  ──> GlobalKTable prices-store ──────────────┐
 * markets ──> GlobalKTable markets-store ───┐         │
 * orders ──> order-market-join (left) ──> order-price-join (left) ──> order-processor ──> order-outputs (split)
 *                                                     [assessments-store, positions-store, order-results-store]
 *                                         ├─> order-results   ├─> trades   └─> positions
 * assessments ──> assessment-processor [assessments-store]
 * </pre>
 *
 * <p>{@code orders} and {@code assessments} share the assessments store, so they land in one sub-topology and must
 * have the same number of partitions and the same (default) partitioner on the assessment id. There is no
 * repartition. Every node, store and join is named (constants below); changing a store name changes its changelog
 * topic and breaks the REST layer's queries, which a test on {@code describe()} guards.
 */
public final class TradingTopology {

    public static final String ORDERS_SOURCE = "orders-source";
    public static final String ASSESSMENTS_SOURCE = "assessments-source";
    /** Global table of prices: its source node is {@code prices-table-source}. */
    public static final String PRICES_TABLE = "prices-table";
    /** Global table of markets: its source node is {@code markets-table-source}. */
    public static final String MARKETS_TABLE = "markets-table";
    public static final String ORDER_MARKET_JOIN = "order-market-join";
    public static final String ORDER_PRICE_JOIN = "order-price-join";
    public static final String ORDER_PROCESSOR = "order-processor";
    public static final String ASSESSMENT_PROCESSOR = "assessment-processor";
    public static final String ORDER_OUTPUTS = "order-outputs";
    public static final String ORDER_RESULTS_SINK = "order-results-sink";
    public static final String TRADES_SINK = "trades-sink";
    public static final String POSITIONS_SINK = "positions-sink";

    private TradingTopology() {
    }

    /** Builds the topology for the given behaviour and topic catalogue. */
    public static Topology build(TopologyConfig config, Topics topics) {
        StreamsBuilder builder = new StreamsBuilder();
        addStores(builder, topics);

        GlobalKTable<String, Market> markets = builder.globalTable(topics.markets.name(),
                Consumed.with(topics.markets.keySerde(), topics.markets.valueSerde()).withName(MARKETS_TABLE),
                Materialized.<String, Market, KeyValueStore<Bytes, byte[]>>as(StoreNames.MARKETS)
                        .withKeySerde(topics.markets.keySerde())
                        .withValueSerde(topics.markets.valueSerde()));
        GlobalKTable<String, PriceTick> prices = builder.globalTable(topics.prices.name(),
                Consumed.with(topics.prices.keySerde(), topics.prices.valueSerde()).withName(PRICES_TABLE),
                Materialized.<String, PriceTick, KeyValueStore<Bytes, byte[]>>as(StoreNames.PRICES)
                        .withKeySerde(topics.prices.keySerde())
                        .withValueSerde(topics.prices.valueSerde()));

        builder.stream(topics.assessments.name(),
                        Consumed.with(topics.assessments.keySerde(), topics.assessments.valueSerde())
                                .withName(ASSESSMENTS_SOURCE))
                .process(AssessmentProcessor::new, Named.as(ASSESSMENT_PROCESSOR), StoreNames.ASSESSMENTS);

        OrderEngine engine = new OrderEngine(config.costs(), config.freshness());
        KStream<String, EngineOutput> outputs = builder.stream(topics.orders.name(),
                        Consumed.with(topics.orders.keySerde(), topics.orders.valueSerde()).withName(ORDERS_SOURCE))
                .leftJoin(markets, OrderMarketJoiner.MARKET_OF_ORDER, new OrderMarketJoiner(),
                        Named.as(ORDER_MARKET_JOIN))
                .leftJoin(prices, OrderPriceJoiner.MARKET_OF_ORDER, new OrderPriceJoiner(),
                        Named.as(ORDER_PRICE_JOIN))
                .process(() -> new OrderProcessor(engine), Named.as(ORDER_PROCESSOR), StoreNames.ASSESSMENTS,
                        StoreNames.POSITIONS, StoreNames.ORDER_RESULTS);

        outputs.split(Named.as(ORDER_OUTPUTS))
                .branch((key, out) -> out.isOrderResult(), Branched.withConsumer(stream -> stream
                        .mapValues(EngineOutput::orderResult, Named.as("to-order-result"))
                        .to(topics.orderResults.name(), Produced.with(topics.orderResults.keySerde(),
                                topics.orderResults.valueSerde()).withName(ORDER_RESULTS_SINK)), "-results"))
                .branch((key, out) -> out.isTrade(), Branched.withConsumer(stream -> stream
                        .mapValues(EngineOutput::trade, Named.as("to-trade"))
                        .to(topics.trades.name(), Produced.with(topics.trades.keySerde(),
                                topics.trades.valueSerde()).withName(TRADES_SINK)), "-trades"))
                .branch((key, out) -> out.isPosition(), Branched.withConsumer(stream -> stream
                        .mapValues(EngineOutput::position, Named.as("to-position"))
                        .to(topics.positions.name(), Produced.with(topics.positions.keySerde(),
                                topics.positions.valueSerde()).withName(POSITIONS_SINK)), "-positions"))
                .noDefaultBranch();
        return builder.build();
    }

    private static void addStores(StreamsBuilder builder, Topics topics) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.ASSESSMENTS),
                Serdes.String(), topics.<AssessmentState>serde(AssessmentState.getClassSchema())));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.POSITIONS),
                Serdes.String(), topics.positions.valueSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.ORDER_RESULTS),
                Serdes.String(), topics.orderResults.valueSerde()));
    }
}
