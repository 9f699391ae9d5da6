package io.tradingengine.api.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradingengine.api.accounts.AssessmentOwners;
import io.tradingengine.api.auth.Principal;
import io.tradingengine.api.http.ApiException;
import io.tradingengine.api.http.CorrelationIds;
import io.tradingengine.api.query.QueryService;
import io.tradingengine.api.query.StoreUnavailableException;
import io.tradingengine.avro.Market;
import io.tradingengine.avro.Order;
import io.tradingengine.avro.OrderResult;
import io.tradingengine.avro.OrderStatus;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Order intake behind POST /orders, in this order: the caller's rate limit (429), the assessment (it must exist and
 * be the caller's: 404 otherwise, as if it did not exist), the market (known to the engine: else 422
 * UNKNOWN_MARKET without sending), the {@code Idempotency-Key} (409 for another order under the same key, the
 * stored answer for a repeat), then Kafka and the wait for the topology's result.
 */
public final class OrderIntake {

    /** Response header of an answer replayed for a repeated {@code Idempotency-Key}. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final CommandGateway commands;
    private final QueryService queries;
    private final AssessmentOwners owners;
    private final IdempotencyStore idempotency;
    private final OrderRateLimiter limiter;
    private final ObjectMapper mapper;
    private final MeterRegistry meters;
    private final Duration wait;
    private final long retryAfterSeconds;
    private final Clock clock;

    public OrderIntake(CommandGateway commands, QueryService queries, AssessmentOwners owners,
                       IdempotencyStore idempotency, OrderRateLimiter limiter, ObjectMapper mapper,
                       MeterRegistry meters, Duration wait, long retryAfterSeconds, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.owners = owners;
        this.idempotency = idempotency;
        this.limiter = limiter;
        this.mapper = mapper;
        this.meters = meters;
        this.wait = wait;
        this.retryAfterSeconds = retryAfterSeconds;
        this.clock = clock;
    }

    /**
     * What to answer: status, JSON body and headers.
     *
     * @param status the HTTP status
     * @param json the body
     * @param headers extra response headers (Location, ...)
     */
    public record Reply(int status, String json, Map<String, String> headers) {

        public Reply {
            Objects.requireNonNull(json, "json");
            headers = Map.copyOf(headers);
        }
    }

    /**
     * Takes a token of the caller's order rate limit.
     *
     * @throws ApiException 429 with Retry-After when the caller is over the limit
     */
    public void admit(Principal caller) {
        OrderRateLimiter.Decision decision = limiter.acquire(caller.userId());
        if (!decision.allowed()) {
            count("rate_limited", "none");
            throw ApiException.tooManyRequests("too many orders; retry after " + decision.retryAfterSeconds() + " s",
                    decision.retryAfterSeconds());
        }
    }

    /**
     * Checks, sends and waits for the order. The future fails with an {@link ApiException} (404, 409, 503) or a
     * {@link StoreUnavailableException} (503) when there is no order result to answer with.
     *
     * @param keyed true when the order id was derived from an {@code Idempotency-Key}
     */
    public CompletableFuture<Reply> submit(Context ctx, Principal caller, Order order, boolean keyed) {
        String correlationId = CorrelationIds.of(ctx);
        CompletableFuture<Optional<String>> owner;
        try {
            owner = owners.ownerSeenBy(ctx, caller, order.getAssessmentId());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return owner.thenCompose(seen -> CorrelationIds.withMdc(correlationId, () -> {
            if (seen.isEmpty()) {
                count("not_found", "none");
                throw ApiException.notFound("assessment " + order.getAssessmentId() + " not found");
            }
            if (!seen.get().equals(caller.userId())) {
                // Only an admin gets here: it may see the assessment, but orders are the owner's.
                return CompletableFuture.completedFuture(rejectHere(order, "NOT_OWNER",
                        "assessment " + order.getAssessmentId() + " belongs to another user"));
            }
            if (!marketKnown(order.getMarket())) {
                return CompletableFuture.completedFuture(rejectHere(order, "UNKNOWN_MARKET",
                        "market " + order.getMarket() + " is not listed"));
            }
            return send(order, keyed, correlationId);
        }));
    }

    private CompletableFuture<Reply> send(Order order, boolean keyed, String correlationId) {
        IdempotencyStore.Claim claim = keyed ? idempotency.claim(order)
                : new IdempotencyStore.Claim(IdempotencyStore.Kind.UNCHECKED, null);
        if (claim.kind() == IdempotencyStore.Kind.CONFLICT) {
            count("conflict", "none");
            throw conflict();
        }
        Optional<IdempotencyStore.Answer> stored = claim.storedAnswer();
        if (stored.isPresent()) {
            count("replayed", "none");
            Map<String, String> headers = new LinkedHashMap<>(location(order));
            headers.put(REPLAYED_HEADER, "true");
            return CompletableFuture.completedFuture(new Reply(stored.get().status(), stored.get().body(), headers));
        }
        // A repeat without a stored answer (still in flight, or Redis lost it) is sent again: the topology answers an
        // order id it has seen with its first result, so there is never a second fill.
        return commands.submitOrder(order, correlationId, wait)
                .thenApply(outcome -> reply(order, settle(order, outcome), keyed));
    }

    /** The market is known to the engine; when the markets store cannot tell, the topology decides. */
    private boolean marketKnown(String market) {
        try {
            Optional<Market> known = queries.market(market);
            return known.isPresent();
        } catch (StoreUnavailableException e) {
            return true;
        }
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

    private Reply reply(Order order, OrderOutcome outcome, boolean keyed) {
        switch (outcome.kind()) {
            case DECIDED -> {
                OrderResult result = outcome.result();
                requireSameOrder(order, result);
                boolean filled = result.getStatus() == OrderStatus.FILLED;
                count(filled ? "filled" : "rejected", filled ? "none" : Objects.toString(result.getReason(), "none"));
                IdempotencyStore.Answer answer = new IdempotencyStore.Answer(filled ? 201 : 422,
                        json(OrderResponse.of(result)));
                if (keyed) {
                    idempotency.remember(order.getOrderId(), answer);
                }
                return new Reply(answer.status(), answer.body(), location(order));
            }
            case PENDING -> {
                count("pending", "none");
                return new Reply(202, json(new PendingOrderResponse(order.getOrderId(), order.getAssessmentId(),
                        "PENDING", "/orders/" + order.getOrderId())), location(order));
            }
            default -> {
                count("unavailable", "none");
                throw ApiException.unavailable(outcome.detail(), retryAfterSeconds);
            }
        }
    }

    private Reply rejectHere(Order order, String reason, String detail) {
        count("rejected", reason);
        return new Reply(422, json(OrderResponse.rejectedHere(order, reason, detail, clock.instant())), Map.of());
    }

    /**
     * Without Redis, the result of the first order under a key comes back for a repeat: an Idempotency-Key reused for
     * a different order must not return the other order's result.
     */
    private void requireSameOrder(Order order, OrderResult result) {
        boolean same = order.getAssessmentId().equals(result.getAssessmentId())
                && (result.getMarket() == null || order.getMarket().equals(result.getMarket()))
                && (result.getSide() == null || order.getSide() == result.getSide())
                && (result.getQuantity() == null || order.getQuantity().compareTo(result.getQuantity()) == 0);
        if (!same) {
            count("conflict", "none");
            throw conflict();
        }
    }

    private static ApiException conflict() {
        return ApiException.conflict("Idempotency-Key was already used for another order");
    }

    private static Map<String, String> location(Order order) {
        return Map.of("Location", "/orders/" + order.getOrderId());
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
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
