package io.tradingengine.sink;

import io.tradingengine.avro.Trade;
import java.util.Objects;
import org.apache.kafka.common.TopicPartition;

/**
 * One trade on its way to the database, with the Kafka position it was read from (stored with the row, so a row
 * can be traced back to its record).
 */
public record TradeRow(Trade trade, TopicPartition source, long offset) {

    public TradeRow {
        Objects.requireNonNull(trade, "trade");
        Objects.requireNonNull(source, "source");
    }
}
