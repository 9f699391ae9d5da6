package io.tradingengine.api.support;

import io.tradingengine.api.orders.CommandGateway;
import io.tradingengine.api.orders.OrderOutcome;
import io.tradingengine.avro.Assessment;
import io.tradingengine.avro.Order;
import io.tradingengine.avro.OrderResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A test implementation of our {@link CommandGateway}: records what the routes send, answers orders with a scripted
 * outcome and hands published assessments to a scripted reaction (e.g. "the topology stores it").
 */
public final class ScriptedCommandGateway implements CommandGateway {

    /** What was sent, with its correlation id. */
    public record Sent<T>(T value, String correlationId) {
    }

    private final List<Sent<Order>> orders = new CopyOnWriteArrayList<>();
    private final List<Sent<Assessment>> assessments = new CopyOnWriteArrayList<>();
    private final Map<String, OrderResult> recent = new ConcurrentHashMap<>();
    private volatile Function<Order, OrderOutcome> orderScript = order -> OrderOutcome.pending();
    private volatile Consumer<Assessment> assessmentReaction = assessment -> { };
    private volatile boolean assessmentsFail;
    private volatile String notReady;

    public ScriptedCommandGateway answerOrders(Function<Order, OrderOutcome> script) {
        this.orderScript = script;
        return this;
    }

    public ScriptedCommandGateway onAssessment(Consumer<Assessment> reaction) {
        this.assessmentReaction = reaction;
        return this;
    }

    public ScriptedCommandGateway failAssessments() {
        this.assessmentsFail = true;
        return this;
    }

    public ScriptedCommandGateway notReady(String reason) {
        this.notReady = reason;
        return this;
    }

    public ScriptedCommandGateway remember(OrderResult result) {
        recent.put(result.getOrderId(), result);
        return this;
    }

    public List<Sent<Order>> orders() {
        return orders;
    }

    public List<Sent<Assessment>> assessments() {
        return assessments;
    }

    @Override
    public CompletableFuture<OrderOutcome> submitOrder(Order order, String correlationId, Duration wait) {
        orders.add(new Sent<>(order, correlationId));
        return CompletableFuture.completedFuture(orderScript.apply(order));
    }

    @Override
    public CompletableFuture<Void> publishAssessment(Assessment assessment, String correlationId, Duration wait) {
        assessments.add(new Sent<>(assessment, correlationId));
        if (assessmentsFail) {
            return CompletableFuture.failedFuture(new IllegalStateException("broker down"));
        }
        assessmentReaction.accept(assessment);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Optional<OrderResult> recentResult(String orderId) {
        return Optional.ofNullable(recent.get(orderId));
    }

    @Override
    public Optional<String> notReadyReason() {
        return Optional.ofNullable(notReady);
    }
}
