package io.tradingengine.sink;

import io.tradingengine.avro.OrderResult;
import java.util.Objects;
import org.apache.kafka.common.TopicPartition;

/** One order result on its way to the database, with the Kafka position it was read from. */
public record OrderResultRow(OrderResult result, TopicPartition source, long offset) {

    public OrderResultRow {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(source, "source");
    }
}
