package io.tradingengine.api.orders;

import io.tradingengine.avro.Assessment;
import io.tradingengine.avro.Order;
import io.tradingengine.avro.OrderResult;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The write side of the API: commands go to Kafka and their outcomes come back from Kafka. Implemented over a real
 * producer and consumer by {@link KafkaCommandGateway}.
 */
public interface CommandGateway {

    /**
     * Sends the order (key assessment id, header correlation-id) and waits up to {@code wait} for its result. The
     * returned future always completes normally, within about {@code wait}.
     */
    CompletableFuture<OrderOutcome> submitOrder(Order order, String correlationId, Duration wait);

    /**
     * Sends an assessment (creation or rule change). Completes when Kafka has acknowledged it, exceptionally when the
     * send failed or was not acknowledged within {@code wait}.
     */
    CompletableFuture<Void> publishAssessment(Assessment assessment, String correlationId, Duration wait);

    /** A result seen recently on {@code order-results}, if still remembered. */
    Optional<OrderResult> recentResult(String orderId);

    /** Why the gateway cannot take commands yet, or empty when it can. */
    Optional<String> notReadyReason();
}
