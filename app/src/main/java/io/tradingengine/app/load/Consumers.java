package io.tradingengine.app.load;

import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/** Consumer set-up shared by the load tools. */
final class Consumers {

    private Consumers() {
    }

    /**
     * Assigns every partition of the topic and positions the consumer at the end now, so it sees exactly what is
     * written after this call (results and events caused by the load, nothing older).
     */
    static void assignAtEnd(Consumer<?, ?> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }
}
