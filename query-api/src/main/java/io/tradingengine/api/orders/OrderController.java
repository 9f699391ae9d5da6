package io.tradingengine.api.orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradingengine.api.auth.AccessGuard;
import io.tradingengine.api.auth.Principal;
import io.tradingengine.api.http.ApiException;
import io.tradingengine.api.http.CorrelationIds;
import io.tradingengine.api.http.Ids;
import io.tradingengine.api.http.JsonBody;
import io.tradingengine.api.query.AccountSnapshot;
import io.tradingengine.api.query.QueryService;
import io.tradingengine.api.query.StoreUnavailableException;
import io.tradingengine.avro.Order;
import io.tradingengine.avro.OrderResult;
import io.tradingengine.avro.OrderStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * HTTP side of orders. POST /orders sends the order and answers with its result: 201 FILLED, 422 REJECTED, 202 with
 * {@code Location} when undecided after the wait time, 503 when Kafka did not take it. GET /orders/{id} reads the
 * result (owner only).
 */
public final class OrderController {

    private final CommandGateway commands;
    private final QueryService queries;
    private final ObjectMapper mapper;
    private final MeterRegistry meters;
    private final Duration wait;
    private final long retryAfterSeconds;

    public OrderController(CommandGateway commands, QueryService queries, ObjectMapper mapper, MeterRegistry meters,
                           Duration wait, long retryAfterSeconds) {
        this.commands = commands;
        this.queries = queries;
        this.mapper = mapper;
        this.meters = meters;
        this.wait = wait;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** POST /orders (trader or admin). */
    public void submit(Context ctx) {
        Principal caller = AccessGuard.principal(ctx);
        Order order = OrderRequests.parse(JsonBody.parse(mapper, ctx.body()), caller.userId(),
                ctx.header(OrderRequests.IDEMPOTENCY_KEY), Instant.now());
        ctx.future(() -> commands.submitOrder(order, CorrelationIds.of(ctx), wait)
                .thenAccept(outcome -> respond(ctx, order, settle(order, outcome))));
    }

    /** GET /orders/{orderId} (owner). */
    public void get(Context ctx) {
        Principal caller = AccessGuard.principal(ctx);
        String orderId = Ids.id("orderId", ctx.pathParam("orderId"));
        OrderResult result = commands.recentResult(orderId)
                .or(() -> queries.orderResult(orderId))
                .filter(r -> isOwner(caller, r))
                .orElseThrow(() -> ApiException.notFound("order " + orderId + " not found"));
        ctx.json(OrderResponse.of(result));
    }

    /** A pending order's result may already sit in the store (e.g. it arrived before the listener was ready). */
    private OrderOutcome settle(Order order, OrderOutcome outcome) {
        if (outcome.kind() != OrderOutcome.Kind.PENDING) {
            return outcome;
        }
        try {
            return queries.orderResult(order.getOrderId()).map(OrderOutcome::decided).orElse(outcome);
        } catch (StoreUnavailableException e) {
            return outcome;
        }
    }

    private void respond(Context ctx, Order order, OrderOutcome outcome) {
        String location = "/orders/" + order.getOrderId();
        switch (outcome.kind()) {
            case DECIDED -> {
                OrderResult result = outcome.result();
                requireSameOrder(order, result);
                boolean filled = result.getStatus() == OrderStatus.FILLED;
                count(filled ? "filled" : "rejected", filled ? "none" : Objects.toString(result.getReason(), "none"));
                ctx.header("Location", location).status(filled ? 201 : 422).json(OrderResponse.of(result));
            }
            case PENDING -> {
                count("pending", "none");
                ctx.header("Location", location).status(202).json(new PendingOrderResponse(order.getOrderId(),
                        order.getAssessmentId(), "PENDING", location));
            }
            default -> {
                count("unavailable", "none");
                throw ApiException.unavailable(outcome.detail(), retryAfterSeconds);
            }
        }
    }

    /** An Idempotency-Key reused for a different order must not return the other order's result. */
    private static void requireSameOrder(Order order, OrderResult result) {
        boolean same = order.getAssessmentId().equals(result.getAssessmentId())
                && (result.getMarket() == null || order.getMarket().equals(result.getMarket()))
                && (result.getSide() == null || order.getSide() == result.getSide())
                && (result.getQuantity() == null || order.getQuantity().compareTo(result.getQuantity()) == 0);
        if (!same) {
            throw new ApiException(409, "CONFLICT", "Idempotency-Key was already used for another order", null,
                    Map.of());
        }
    }

    private boolean isOwner(Principal caller, OrderResult result) {
        if (caller.isAdmin()) {
            return true;
        }
        if (result.getUserId() != null) {
            return caller.userId().equals(result.getUserId());
        }
        // Older results without userId: the owner is the assessment's.
        Optional<AccountSnapshot> account = queries.account(result.getAssessmentId());
        return account.map(a -> caller.userId().equals(a.assessment().getUserId())).orElse(false);
    }

    private void count(String outcome, String reason) {
        Counter.builder("orders.submitted")
                .description("Orders taken by POST /orders, by outcome and reject reason")
                .tag("outcome", outcome)
                .tag("reason", reason.toLowerCase(Locale.ROOT))
                .register(meters)
                .increment();
    }
}
