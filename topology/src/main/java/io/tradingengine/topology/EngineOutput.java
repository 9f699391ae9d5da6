package io.tradingengine.topology;

import io.tradingengine.avro.OrderResult;
import io.tradingengine.avro.Position;
import io.tradingengine.avro.Trade;

/**
 * One record the order processor emits: exactly one of the three is set. Routed by the topology's split to the
 * matching topic; never serialized.
 */
record EngineOutput(OrderResult orderResult, Trade trade, Position position) {

    static EngineOutput of(OrderResult result) {
        return new EngineOutput(result, null, null);
    }

    static EngineOutput of(Trade trade) {
        return new EngineOutput(null, trade, null);
    }

    static EngineOutput of(Position position) {
        return new EngineOutput(null, null, position);
    }

    boolean isOrderResult() {
        return orderResult != null;
    }

    boolean isTrade() {
        return trade != null;
    }

    boolean isPosition() {
        return position != null;
    }
}
