package io.tradingengine.domain;

/** What happens to an order: a {@link Fill} or a {@link Rejection}. */
public sealed interface OrderDecision permits Fill, Rejection {

    /** True for a fill. */
    default boolean isFill() {
        return this instanceof Fill;
    }
}
