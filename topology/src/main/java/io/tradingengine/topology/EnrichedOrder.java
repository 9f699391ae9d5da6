package io.tradingengine.topology;

import io.tradingengine.avro.Market;
import io.tradingengine.avro.Order;
import io.tradingengine.avro.PriceTick;

/**
 * An order with the market and the latest price it was joined with (either may be null: left joins). Lives only
 * between the joins and the order processor, never serialized.
 */
record EnrichedOrder(Order order, Market market, PriceTick price) {
}
