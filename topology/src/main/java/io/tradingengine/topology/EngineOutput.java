package io.tradingengine.topology;

import io.tradingengine.avro.Assessment;
import io.tradingengine.avro.AssessmentEvent;
import io.tradingengine.avro.Order;
import io.tradingengine.avro.OrderResult;
import io.tradingengine.avro.Position;
import io.tradingengine.avro.Trade;
import java.util.Objects;

/**
 * One record the assessment desk emits, routed by the topology's splits to its topic by {@link #kind}; exactly the
 * field of that kind is set. Lives between a processor and its sink, never serialized.
 *
 * @param kind where it goes
 * @param orderResult to {@code order-results}
 * @param trade to {@code trades}
 * @param position to {@code positions}
 * @param event to {@code assessment-events}
 * @param order to {@code orders-dlq}
 * @param assessment to {@code assessments-dlq}
 */
record EngineOutput(Kind kind, OrderResult orderResult, Trade trade, Position position, AssessmentEvent event,
                    Order order, Assessment assessment) {

    /** Where an output goes. */
    enum Kind {
        ORDER_RESULT,
        TRADE,
        POSITION,
        EVENT,
        DEAD_ORDER,
        DEAD_ASSESSMENT
    }

    EngineOutput {
        Objects.requireNonNull(kind, "kind");
    }

    static EngineOutput of(OrderResult result) {
        return new EngineOutput(Kind.ORDER_RESULT, result, null, null, null, null, null);
    }

    static EngineOutput of(Trade trade) {
        return new EngineOutput(Kind.TRADE, null, trade, null, null, null, null);
    }

    static EngineOutput of(Position position) {
        return new EngineOutput(Kind.POSITION, null, null, position, null, null, null);
    }

    static EngineOutput of(AssessmentEvent event) {
        return new EngineOutput(Kind.EVENT, null, null, null, event, null, null);
    }

    static EngineOutput deadLetter(Order order) {
        return new EngineOutput(Kind.DEAD_ORDER, null, null, null, null, order, null);
    }

    static EngineOutput deadLetter(Assessment assessment) {
        return new EngineOutput(Kind.DEAD_ASSESSMENT, null, null, null, null, null, assessment);
    }

    boolean is(Kind other) {
        return kind == other;
    }
}
