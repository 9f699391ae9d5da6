package io.tradingengine.topology;

import io.tradingengine.avro.Market;
import io.tradingengine.avro.Order;
import org.apache.kafka.streams.kstream.KeyValueMapper;
import org.apache.kafka.streams.kstream.ValueJoiner;

/** Left join of an order with its market: the market is null when the market id is not listed. */
final class OrderMarketJoiner implements ValueJoiner<Order, Market, EnrichedOrder> {

    /** The join key: the order's market id. */
    static final KeyValueMapper<String, Order, String> MARKET_OF_ORDER = (key, order) -> order.getMarket();

    @Override
    public EnrichedOrder apply(Order order, Market market) {
        return new EnrichedOrder(order, market, null);
    }
}
