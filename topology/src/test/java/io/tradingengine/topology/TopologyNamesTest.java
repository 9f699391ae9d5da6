package io.tradingengine.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingengine.schemas.Topics;
import io.tradingengine.schemas.registry.InMemorySchemaStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * Guards the names of every node, store, join and repartition topic: a store name is its changelog topic and the
 * REST layer's query handle, a repartition name is an internal topic, so a silent rename would orphan state, leave
 * records behind in an old topic and break queries.
 */
class TopologyNamesTest {

    private final CopartitioningStreamsBuilder builder = new CopartitioningStreamsBuilder();
    private final TopologyDescription description = TradingTopology.build(TopologyConfig.defaults(),
            new Topics(new InMemorySchemaStore(), true), builder).describe();

    @Test
    void shouldNameEveryNode() {
        assertThat(nodeNames()).containsExactlyInAnyOrder(
                // assessment desk: orders, assessments, mark to market and settlement
                "orders-source", "order-market-join", "order-price-join", "order-processor",
                "assessments-source", "assessment-processor",
                "tick-fanout-repartition-source", "mark-to-market", "market-fanout-repartition-source", "settlement",
                "order-and-assessment-outputs", "order-and-risk-outputs", "assessment-desk-all",
                "assessment-desk-outputs", "assessment-desk-outputs-results", "assessment-desk-outputs-trades",
                "assessment-desk-outputs-positions", "assessment-desk-outputs-events",
                "assessment-desk-outputs-dead-orders", "assessment-desk-outputs-dead-assessments",
                "to-order-result", "to-trade", "to-position", "to-event", "to-dead-order", "to-dead-assessment",
                "order-results-sink", "trades-sink", "positions-sink", "assessment-events-sink", "orders-dlq-sink",
                "assessments-dlq-sink",
                // market desk
                "prices-source", "price-router", "markets-source", "market-router",
                "market-desk-entries", "market-desk-outputs",
                "market-desk-outputs-latest-prices", "market-desk-outputs-latest-markets",
                "market-desk-outputs-dead-prices", "market-desk-outputs-dead-markets",
                "market-desk-outputs-tick-fanout", "market-desk-outputs-market-fanout",
                "to-latest-price", "to-latest-market", "to-dead-price", "to-dead-market", "to-tick", "to-market",
                "prices-latest-sink", "markets-latest-sink", "prices-dlq-sink", "markets-dlq-sink",
                "tick-fanout-repartition-filter", "tick-fanout-repartition-sink",
                "market-fanout-repartition-filter", "market-fanout-repartition-sink");
    }

    @Test
    void shouldConnectTheNamedStoresToTheProcessors() {
        Map<String, Set<String>> storesByProcessor = new TreeMap<>();
        description.subtopologies().forEach(sub -> sub.nodes().forEach(node -> {
            if (node instanceof TopologyDescription.Processor processor && !processor.stores().isEmpty()) {
                storesByProcessor.put(processor.name(), processor.stores());
            }
        }));

        assertThat(storesByProcessor).containsOnly(
                Map.entry("order-processor", Set.of("assessments-store", "positions-store", "holdings-store", "ledger-cache",
                        "order-results-store", "order-expiry-store", "market-ends-store")),
                Map.entry("assessment-processor", Set.of("assessments-store", "positions-store", "holdings-store", "ledger-cache",
                        "daily-resets-store")),
                Map.entry("mark-to-market", Set.of("assessments-store", "positions-store", "holdings-store",
                        "ledger-cache")),
                Map.entry("settlement", Set.of("assessments-store", "positions-store", "holdings-store", "ledger-cache",
                        "market-ends-store")),
                Map.entry("price-router", Set.of("market-states-store")),
                Map.entry("market-router", Set.of("market-states-store")));
    }

    @Test
    void shouldMaterializePricesAndMarketsAsNamedGlobalStoresFromTheValidatedTopics() {
        Map<String, Set<String>> globals = new TreeMap<>();
        Map<String, Set<String>> topics = new TreeMap<>();
        description.globalStores().forEach(store -> {
            globals.put(store.source().name(), store.processor().stores());
            topics.put(store.source().name(), store.source().topicSet());
        });

        assertThat(globals).containsOnly(
                Map.entry("prices-table-source", Set.of("prices-store")),
                Map.entry("markets-table-source", Set.of("markets-store")));
        assertThat(topics).containsOnly(
                Map.entry("prices-table-source", Set.of("prices-latest")),
                Map.entry("markets-table-source", Set.of("markets-latest")));
    }

    @Test
    void shouldSplitIntoAMarketDeskAndAnAssessmentDeskJoinedByTwoBroadcastTopics() {
        List<Set<String>> sourceTopics = description.subtopologies().stream().map(sub -> {
            Set<String> topics = new TreeSet<>();
            sub.nodes().forEach(node -> {
                if (node instanceof TopologyDescription.Source source) {
                    topics.addAll(source.topicSet());
                }
            });
            return topics;
        }).toList();

        assertThat(sourceTopics).containsExactlyInAnyOrder(
                Set.of("prices", "markets"),
                Set.of("orders", "assessments", "tick-fanout-repartition", "market-fanout-repartition"));
    }

    @Test
    void shouldCopartitionEachDeskWithItsInputTopics() {
        assertThat(nodeNames()).containsAll(TradingTopology.ASSESSMENT_DESK_SOURCES)
                .containsAll(TradingTopology.MARKET_DESK_SOURCES);
        assertThat(builder.copartitionGroups("engine")).containsExactlyInAnyOrder(
                Set.of("orders", "assessments", "engine-tick-fanout-repartition",
                        "engine-market-fanout-repartition"),
                Set.of("prices", "markets"));
    }

    @Test
    void shouldUseTheStoreNamesOfTheQueryContract() {
        assertThat(StoreNames.ASSESSMENTS).isEqualTo("assessments-store");
        assertThat(StoreNames.POSITIONS).isEqualTo("positions-store");
        assertThat(StoreNames.ORDER_RESULTS).isEqualTo("order-results-store");
        assertThat(StoreNames.PRICES).isEqualTo("prices-store");
        assertThat(StoreNames.MARKETS).isEqualTo("markets-store");
        assertThat(StoreNames.positionKey("A1", "BTC/USD")).isEqualTo("A1/BTC/USD");
        assertThat(StoreNames.positionPrefix("A1")).isEqualTo("A1/");
        assertThat(StoreNames.holderKey("BTC/USD", "A1")).isEqualTo("7:BTC/USD/A1");
    }

    @Test
    void shouldListTheTopicsTheApplicationMustCreate() {
        EngineTopics topics = new EngineTopics(new Topics(new InMemorySchemaStore(), true));

        assertThat(topics.all()).extracting(io.tradingengine.schemas.Topic::name).containsExactly(
                "prices-latest", "markets-latest", "orders-dlq", "assessments-dlq", "prices-dlq", "markets-dlq");
        assertThat(topics.pricesLatest.compacted()).isTrue();
        assertThat(topics.marketsLatest.compacted()).isTrue();
    }

    private Set<String> nodeNames() {
        Set<String> names = new TreeSet<>();
        description.subtopologies().forEach(sub -> sub.nodes().forEach(node -> names.add(node.name())));
        return names;
    }
}
