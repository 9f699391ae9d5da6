package io.tradingengine.schemas;

import org.apache.kafka.common.serialization.Serde;

/** A topic with its key and value serdes, so every producer, consumer and Streams node uses the same pair. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean compacted) {
}
