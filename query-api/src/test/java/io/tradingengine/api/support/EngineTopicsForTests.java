package io.tradingengine.api.support;

import io.tradingengine.embedded.KafkaTopics;
import io.tradingengine.schemas.Topic;
import io.tradingengine.schemas.Topics;
import io.tradingengine.topology.EngineTopics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates every topic the real topology reads and writes: the contract's and the engine's own. */
public final class EngineTopicsForTests {

    private EngineTopicsForTests() {
    }

    public static void create(String bootstrapServers, Topics topics, int partitions) {
        List<Topic<String, ?>> all = new ArrayList<>(topics.all());
        all.addAll(new EngineTopics(topics).all());
        KafkaTopics.ensure(bootstrapServers, all.stream()
                .map(t -> t.compacted()
                        ? new NewTopic(t.name(), partitions, (short) 1).configs(Map.of("cleanup.policy", "compact"))
                        : new NewTopic(t.name(), partitions, (short) 1))
                .toList());
    }
}
