package io.tradingengine.sink;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A drained buffer: the rows to write in one transaction and the offsets to commit once they are written. The
 * offsets also cover records that were skipped (undecodable), so a poison record is not read again.
 */
public record SinkBatch(List<TradeRow> rows, Map<TopicPartition, OffsetAndMetadata> offsets) {

    public SinkBatch {
        rows = List.copyOf(rows);
        offsets = Map.copyOf(offsets);
    }

    public boolean isEmpty() {
        return rows.isEmpty() && offsets.isEmpty();
    }

    /** This batch without the rows and offsets of {@code partitions} (revoked or lost in a rebalance). */
    public SinkBatch without(Collection<TopicPartition> partitions) {
        Set<TopicPartition> gone = Set.copyOf(partitions);
        List<TradeRow> keptRows = rows.stream()
                .filter(row -> !gone.contains(row.source()))
                .collect(Collectors.toList());
        Map<TopicPartition, OffsetAndMetadata> keptOffsets = offsets.entrySet().stream()
                .filter(entry -> !gone.contains(entry.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return new SinkBatch(keptRows, keptOffsets);
    }
}
