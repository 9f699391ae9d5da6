package io.tradingengine.app.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tradingengine.schemas.Topics;
import io.tradingengine.schemas.registry.InMemorySchemaStore;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.tools.StreamsResetter;
import org.junit.jupiter.api.Test;

class ReplayTopicsTest {

    private final ReplayTopics names = new ReplayTopics("wide");

    @Test
    void shouldPrefixEveryTopicAndKeepItsInternalTopicsAwayFromTheLiveApplications() {
        assertThat(names.applicationId()).isEqualTo("replay.wide");
        assertThat(names.of("orders")).isEqualTo("replay.wide.orders");
        assertThat(names.repartitionTopics()).contains("replay.wide-tick-fanout-repartition");
        assertThat(names.owns("replay.wide.trades")).isTrue();
        assertThat(names.owns("replay.wide-positions-store-changelog")).isTrue();
        assertThat(names.owns("replay.wider.trades")).isFalse();
        assertThat(names.owns("trades")).isFalse();
        // The live application's reset deletes "<live id>-...": a replay's internal topics never match it.
        assertThat(names.repartitionTopics()).noneMatch(topic -> topic.startsWith("trading-engine-"));
        assertThat(StreamsResetter.matchesInternalTopicFormat("replay.wide-tick-fanout-repartition")).isTrue();
    }

    @Test
    void shouldCreateInputsOutputsAndEngineTopicsWithTheLivePartitionCounts() {
        assertThat(names.newTopics(new Topics(new InMemorySchemaStore(), true), 6, 3))
                .extracting(NewTopic::name, topic -> topic.numPartitions())
                .contains(tuple("replay.wide.orders", 6),
                        tuple("replay.wide.prices", 3),
                        tuple("replay.wide.trades", 6),
                        tuple("replay.wide.prices-latest", 3),
                        tuple("replay.wide.orders-dlq", 6),
                        tuple("replay.wide.markets-dlq", 3))
                .hasSize(14);
    }
}
