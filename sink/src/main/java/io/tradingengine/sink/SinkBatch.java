package io.tradingengine.sink;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A drained buffer: the rows to write in one transaction, and the positions to store with them (the next offset to
 * read per partition). The positions also cover records that were skipped (undecodable), so a poison record is not
 * read again.
 *
 * @param rows         trades
 * @param orderResults order results
 * @param offsets      next offset to read per partition, written in the same transaction as the rows
 */
public record SinkBatch(List<TradeRow> rows, List<OrderResultRow> orderResults,
                        Map<TopicPartition, OffsetAndMetadata> offsets) {

    public SinkBatch {
        rows = List.copyOf(rows);
        orderResults = List.copyOf(orderResults);
        offsets = Map.copyOf(offsets);
    }

    /** A batch of trades only. */
    public SinkBatch(List<TradeRow> rows, Map<TopicPartition, OffsetAndMetadata> offsets) {
        this(rows, List.of(), offsets);
    }

    public boolean isEmpty() {
        return rows.isEmpty() && orderResults.isEmpty() && offsets.isEmpty();
    }

    /** Rows of both tables. */
    public int size() {
        return rows.size() + orderResults.size();
    }

    /** This batch with other positions (the consumer's, which also skip transaction markers). */
    public SinkBatch withOffsets(Map<TopicPartition, OffsetAndMetadata> newOffsets) {
        return new SinkBatch(rows, orderResults, newOffsets);
    }

    /** This batch without the rows and positions of {@code partitions} (revoked or lost in a rebalance). */
    public SinkBatch without(Collection<TopicPartition> partitions) {
        Set<TopicPartition> gone = Set.copyOf(partitions);
        List<TradeRow> keptRows = rows.stream()
                .filter(row -> !gone.contains(row.source()))
                .collect(Collectors.toList());
        List<OrderResultRow> keptResults = orderResults.stream()
                .filter(row -> !gone.contains(row.source()))
                .collect(Collectors.toList());
        Map<TopicPartition, OffsetAndMetadata> keptOffsets = offsets.entrySet().stream()
                .filter(entry -> !gone.contains(entry.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return new SinkBatch(keptRows, keptResults, keptOffsets);
    }
}
