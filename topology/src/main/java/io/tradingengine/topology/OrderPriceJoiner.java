package io.tradingengine.topology;

import io.tradingengine.avro.PriceTick;
import org.apache.kafka.streams.kstream.KeyValueMapper;
import org.apache.kafka.streams.kstream.ValueJoiner;

/** Left join of an order (with its market) and the latest tick of the order's market; null tick = no price yet. */
final class OrderPriceJoiner implements ValueJoiner<EnrichedOrder, PriceTick, EnrichedOrder> {

    /** The join key: the order's market id. */
    static final KeyValueMapper<String, EnrichedOrder, String> MARKET_OF_ORDER =
        (key, enriched) -> enriched.order().getMarket();

    @Override
    public EnrichedOrder apply(EnrichedOrder enriched, PriceTick tick) {
        return new EnrichedOrder(enriched.order(), enriched.market(), tick);
    }
}
