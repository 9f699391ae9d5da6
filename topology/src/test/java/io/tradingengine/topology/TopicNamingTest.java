package io.tradingengine.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingengine.schemas.Topic;
import io.tradingengine.schemas.Topics;
import io.tradingengine.schemas.registry.InMemorySchemaStore;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * A shadow topology (a replay) has the live topology's nodes and stores but reads and writes only prefixed topics,
 * so it can never touch a live topic.
 */
class TopicNamingTest {

    private static final String PREFIX = "replay.r1.";

    private final Topics topics = new Topics(new InMemorySchemaStore(), true);

    @Test
    void shouldReadAndWriteOnlyPrefixedTopicsWithTheLiveNodeNames() {
        TopologyDescription shadow = TradingTopology.build(TopologyConfig.defaults(), topics,
                TopicNaming.prefixed(PREFIX)).describe();
        TopologyDescription live = TradingTopology.build(TopologyConfig.defaults(), topics).describe();

        assertThat(nodeNames(shadow)).isEqualTo(nodeNames(live));
        assertThat(externalTopics(shadow)).allMatch(topic -> topic.startsWith(PREFIX))
                .containsExactlyInAnyOrderElementsOf(externalTopics(live).stream().map(t -> PREFIX + t).toList());
        assertThat(externalTopics(live)).contains("orders", "prices", "trades", "order-results", "prices-latest",
                "orders-dlq");
    }

    @Test
    void shouldNameTheEngineTopicsOfAShadow() {
        EngineTopics engineTopics = new EngineTopics(topics, TopicNaming.prefixed(PREFIX));

        assertThat(engineTopics.all()).extracting(Topic::name).containsExactly("replay.r1.prices-latest",
                "replay.r1.markets-latest", "replay.r1.orders-dlq", "replay.r1.assessments-dlq",
                "replay.r1.prices-dlq", "replay.r1.markets-dlq");
        assertThat(TopicNaming.LIVE.name("orders")).isEqualTo("orders");
        assertThat(TopicNaming.LIVE.isLive()).isTrue();
    }

    private static Set<String> nodeNames(TopologyDescription description) {
        Set<String> names = new TreeSet<>();
        description.subtopologies().forEach(sub -> sub.nodes().forEach(node -> names.add(node.name())));
        description.globalStores().forEach(store -> names.add(store.source().name()));
        return names;
    }

    /** Every topic a source reads or a sink writes, without the internal repartition topics. */
    private static Set<String> externalTopics(TopologyDescription description) {
        Set<String> names = new TreeSet<>();
        description.subtopologies().forEach(sub -> sub.nodes().forEach(node -> {
            if (node instanceof TopologyDescription.Source source) {
                names.addAll(source.topicSet());
            } else if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
                names.add(sink.topic());
            }
        }));
        description.globalStores().forEach(store -> names.addAll(store.source().topicSet()));
        names.removeIf(name -> name.endsWith("-repartition"));
        return names;
    }
}
