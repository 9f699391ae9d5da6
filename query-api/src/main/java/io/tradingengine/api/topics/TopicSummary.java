package io.tradingengine.api.topics;

import java.util.List;

/** A topic with the first and next offset of each partition (the next offset = where the next record goes). */
public record TopicSummary(String name, boolean internal, List<PartitionRange> partitions) {

    /** Offsets {@code [start, end)} of a partition. */
    public record PartitionRange(int partition, long start, long end) {
    }
}
