package io.tradingengine.api.orders;

import io.tradingengine.avro.OrderResult;
import java.util.Objects;

/**
 * How a submitted order ended within the wait time.
 *
 * @param kind decided, accepted but not decided, or not accepted by Kafka
 * @param result the result when {@link Kind#DECIDED}, else null
 * @param detail why the order was not accepted, else null
 */
public record OrderOutcome(Kind kind, OrderResult result, String detail) {

    /** The three ways a wait ends. */
    public enum Kind {
        /** The topology's result arrived. */
        DECIDED,
        /** Kafka acknowledged the order; the result did not arrive in time. */
        PENDING,
        /** Kafka did not acknowledge the order in time, or refused it. */
        NOT_ACCEPTED
    }

    public OrderOutcome {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.DECIDED) {
            Objects.requireNonNull(result, "result");
        }
    }

    public static OrderOutcome decided(OrderResult result) {
        return new OrderOutcome(Kind.DECIDED, result, null);
    }

    public static OrderOutcome pending() {
        return new OrderOutcome(Kind.PENDING, null, null);
    }

    public static OrderOutcome notAccepted(String detail) {
        return new OrderOutcome(Kind.NOT_ACCEPTED, null, detail);
    }
}
