package io.tradingengine.topology;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.StreamsBuilder;

/**
 * A {@link StreamsBuilder} that declares source nodes co-partitioned without a join.
 *
 * <p>The assessment desk reads {@code orders}, {@code assessments} and two repartition topics (the tick and market
 * fan-outs, keyed by assessment id) into processors that share the assessment stores. A fan-out record for
 * assessment A must land in the partition that holds A's state, which holds only if each repartition topic has as
 * many partitions as {@code orders}. Kafka Streams sizes a repartition topic after the topics of the sub-topology
 * that writes it ({@code prices}, {@code markets}) unless the topic is in a co-partition group with the reader's
 * sources; the DSL forms such groups only for joins, so this builder registers them through the protected
 * {@code internalTopologyBuilder}. At each rebalance Streams then checks that the external topics of a group have
 * the same number of partitions (else it fails naming them) and gives the group's repartition topics that number.
 * {@code TopologyNamesTest} guards that every name given here is a source node of the topology.
 */
final class CopartitioningStreamsBuilder extends StreamsBuilder {

    /** Declares these source nodes co-partitioned. */
    void copartition(Collection<String> sourceNodes) {
        internalTopologyBuilder.copartitionSources(List.copyOf(sourceNodes));
    }

    /** The co-partition groups as topic names, internal topics prefixed with {@code applicationId}: for tests. */
    Collection<Set<String>> copartitionGroups(String applicationId) {
        internalTopologyBuilder.setApplicationId(applicationId);
        return internalTopologyBuilder.copartitionGroups();
    }
}
