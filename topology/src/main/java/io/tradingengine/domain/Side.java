package io.tradingengine.domain;

import java.math.BigDecimal;

/** Direction of an order or a trade: LONG buys (position quantity up), SHORT sells (position quantity down). */
public enum Side {
    LONG,
    SHORT;

    /** The quantity with this side's sign: +q for LONG, -q for SHORT. */
    public BigDecimal signed(BigDecimal quantity) {
        return this == LONG ? quantity : quantity.negate();
    }

    /** The side that reduces a position of the given sign (quantity must not be zero). */
    public static Side closing(BigDecimal positionQuantity) {
        return positionQuantity.signum() > 0 ? SHORT : LONG;
    }
}
