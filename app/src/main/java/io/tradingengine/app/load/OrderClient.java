package io.tradingengine.app.load;

import java.math.BigDecimal;
import java.util.concurrent.CompletableFuture;

/** Submits one order and completes when its result is known (FILLED, REJECTED or an error). */
public interface OrderClient extends AutoCloseable {

    /** Outcome of one order as the load run counts it. */
    enum Outcome { FILLED, REJECTED, PENDING, ERROR }

    CompletableFuture<Outcome> submit(String assessmentId, String market, String side, BigDecimal quantity);

    @Override
    void close();
}
