package io.tradingengine.domain;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The latest price observation of a market. Any of bid, ask and last may be missing; a value that is not strictly
 * positive counts as missing (a zero bid means "no bid", never a price to trade at). Prices are kept in
 * {@link Money}'s canonical form, so one with more than 18 decimals is rounded to 18 on the way in (a tick on the wire
 * has 18).
 *
 * @param bid best bid, nullable
 * @param ask best ask, nullable
 * @param last last trade, nullable
 * @param timestamp when the source observed it, nullable
 */
public record Quote(BigDecimal bid, BigDecimal ask, BigDecimal last, Instant timestamp) {

    public Quote {
        bid = Money.isPositive(bid) ? Money.of(bid) : null;
        ask = Money.isPositive(ask) ? Money.of(ask) : null;
        last = Money.isPositive(last) ? Money.of(last) : null;
    }

    /** (bid + ask) / 2 when both are present, else null. */
    public BigDecimal mid() {
        return bid != null && ask != null ? Money.mid(bid, ask) : null;
    }

    /** The mark used for unrealized P&L: mid, else last, else null. */
    public BigDecimal mark() {
        BigDecimal mid = mid();
        return mid != null ? mid : last;
    }

    /**
     * The price an order of this side trades against before slippage: a long takes the ask, a short hits the bid;
     * each falls back to mid, then last. Null when none is present.
     */
    public BigDecimal reference(Side side) {
        BigDecimal touch = side == Side.LONG ? ask : bid;
        if (touch != null) {
            return touch;
        }
        return mark();
    }
}
