package io.tradingengine.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingengine.schemas.Topics;
import io.tradingengine.schemas.registry.InMemorySchemaStore;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * Guards the names of every node, store and join: a store name is its changelog topic and the REST layer's query
 * handle, so a silent rename would orphan state and break queries.
 */
class TopologyNamesTest {

    private final TopologyDescription description = TradingTopology.build(TopologyConfig.defaults(),
            new Topics(new InMemorySchemaStore(), true)).describe();

    @Test
    void shouldNameEveryNodeOfTheOrderAndAssessmentPaths() {
        Set<String> names = new TreeSet<>();
        description.subtopologies().forEach(sub -> sub.nodes().forEach(node -> names.add(node.name())));

        assertThat(names).containsExactlyInAnyOrder(
                "orders-source", "order-market-join", "order-price-join", "order-processor",
                "order-outputs", "order-outputs-results", "order-outputs-trades", "order-outputs-positions",
                "to-order-result", "to-trade", "to-position",
                "order-results-sink", "trades-sink", "positions-sink",
                "assessments-source", "assessment-processor");
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
                Map.entry("order-processor", Set.of("assessments-store", "positions-store", "order-results-store")),
                Map.entry("assessment-processor", Set.of("assessments-store")));
    }

    @Test
    void shouldMaterializePricesAndMarketsAsNamedGlobalStores() {
        Map<String, Set<String>> globals = new TreeMap<>();
        description.globalStores().forEach(store -> globals.put(store.source().name(), store.processor().stores()));

        assertThat(globals).containsOnly(
                Map.entry("prices-table-source", Set.of("prices-store")),
                Map.entry("markets-table-source", Set.of("markets-store")));
    }

    @Test
    void shouldReadOrdersAndAssessmentsInOneSubTopologyWithoutRepartition() {
        assertThat(description.subtopologies()).hasSize(1);
        Set<String> topics = new TreeSet<>();
        description.subtopologies().forEach(sub -> sub.nodes().forEach(node -> {
            if (node instanceof TopologyDescription.Source source) {
                topics.addAll(source.topicSet());
            }
        }));
        assertThat(topics).containsExactly("assessments", "orders");
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
    }
}
