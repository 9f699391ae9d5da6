package io.tradingengine.api.query;

import io.tradingengine.avro.Market;
import io.tradingengine.avro.OrderResult;
import io.tradingengine.avro.PriceTick;
import java.util.List;
import java.util.Optional;

/**
 * Read access to this instance's copies of the topology's state stores (interactive queries). It never writes a
 * store and never reaches another instance (forwarding is {@link RoutedReads}' job). Every method throws
 * {@link StoreUnavailableException} when the answer cannot be given here and now (store restoring or rebalancing,
 * key owned by another instance, standby too far behind), never a wrong or empty answer in its place.
 */
public interface QueryService {

    /** The assessment with its positions and the latest ticks of their markets; empty when it does not exist. */
    Optional<AccountSnapshot> account(String assessmentId);

    /**
     * As {@link #account(String)}, from the copy {@code mode} allows: the active one, or a standby/restoring one within
     * its lag bound.
     */
    default Optional<AccountSnapshot> account(String assessmentId, ReadMode mode) {
        if (mode.standby()) {
            throw new StoreUnavailableException("no standby copy of assessment " + assessmentId + " here");
        }
        return account(assessmentId);
    }

    /** The result of an order from every store partition this instance is active for; empty when none has it. */
    Optional<OrderResult> orderResult(String orderId);

    /** The result of an order of a known assessment, from that assessment's partition, as {@code mode} allows. */
    default Optional<OrderResult> orderResult(String assessmentId, String orderId, ReadMode mode) {
        if (mode.standby()) {
            throw new StoreUnavailableException("no standby copy of assessment " + assessmentId + " here");
        }
        return orderResult(orderId).filter(result -> assessmentId.equals(result.getAssessmentId()));
    }

    /** The latest tick of a market; empty when the market has no price. */
    Optional<PriceTick> price(String market);

    /** Every market known to the engine, ordered by id. */
    List<Market> markets();

    /** One market; empty when the engine does not know it. */
    default Optional<Market> market(String market) {
        return markets().stream().filter(m -> m.getMarket().equals(market)).findFirst();
    }

    /**
     * Why the stores cannot serve reads now ("streams starting", "streams rebalancing", "streams restoring", ...), or
     * empty when they can. Implementations without a lifecycle answer empty.
     */
    default Optional<String> notReadyReason() {
        return Optional.empty();
    }
}
