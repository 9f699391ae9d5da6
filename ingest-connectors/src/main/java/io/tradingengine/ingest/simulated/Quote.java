package io.tradingengine.ingest.simulated;

import java.math.BigDecimal;
import java.util.Objects;

/** One simulated top of book: bid below ask, the last trade between them. */
public record Quote(BigDecimal bid, BigDecimal ask, BigDecimal last) {

    public Quote {
        Objects.requireNonNull(bid, "bid");
        Objects.requireNonNull(ask, "ask");
        Objects.requireNonNull(last, "last");
    }
}
