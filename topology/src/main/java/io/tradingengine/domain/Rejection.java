package io.tradingengine.domain;

import java.util.Objects;

/**
 * A rejected order: the code and a detail that names the numbers behind it.
 *
 * @param code reject code
 * @param detail human-readable reason, e.g. {@code "gross notional 31000.00 > buying power 25000.00"}
 */
public record Rejection(RejectCode code, String detail) implements OrderDecision {

    public Rejection {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
    }
}
