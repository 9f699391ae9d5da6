package io.tradingengine.api.query;

import io.tradingengine.avro.Market;
import io.tradingengine.avro.OrderResult;
import io.tradingengine.avro.PriceTick;
import java.util.List;
import java.util.Optional;

/**
 * Read access to the topology's state stores (interactive queries). It never writes a store. Every method throws
 * {@link StoreUnavailableException} when the answer cannot be given right now (store restoring or rebalancing, key
 * owned by another instance), never a wrong or empty answer in its place.
 */
public interface QueryService {

    /** The assessment with its positions and the latest ticks of their markets; empty when it does not exist. */
    Optional<AccountSnapshot> account(String assessmentId);

    /** The result of an order; empty when there is none (yet). */
    Optional<OrderResult> orderResult(String orderId);

    /** The latest tick of a market; empty when the market has no price. */
    Optional<PriceTick> price(String market);

    /** Every market known to the engine, ordered by id. */
    List<Market> markets();
}
