package io.tradingengine.api.orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.tradingengine.api.auth.AccessGuard;
import io.tradingengine.api.auth.Principal;
import io.tradingengine.api.history.HistoryPages;
import io.tradingengine.api.history.HistoryUnavailableException;
import io.tradingengine.api.history.PageRequest;
import io.tradingengine.api.http.ApiException;
import io.tradingengine.api.http.Ids;
import io.tradingengine.api.http.JsonBody;
import io.tradingengine.avro.Order;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP side of orders. POST /orders checks, sends and answers with the order's result: 201 FILLED, 422 REJECTED,
 * 202 with {@code Location} when undecided after the wait time, 404 for an assessment the caller does not own, 409
 * for a reused {@code Idempotency-Key}, 429 over the rate limit, 503 when Kafka did not take it. GET /orders/{id}
 * reads one result wherever it is; GET /orders?assessmentId= lists results from the database, newest first.
 */
public final class OrderController {

    private final OrderIntake intake;
    private final OrderLookup lookup;
    private final OrderHistory history;
    private final HistoryPages pages;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final long retryAfterSeconds;

    /**
     * @param history the database's order results, or null when there is no database (the list answers 503)
     */
    public OrderController(OrderIntake intake, OrderLookup lookup, OrderHistory history, HistoryPages pages,
                           ObjectMapper mapper, Clock clock, long retryAfterSeconds) {
        this.intake = intake;
        this.lookup = lookup;
        this.history = history;
        this.pages = pages;
        this.mapper = mapper;
        this.clock = clock;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** POST /orders (trader or admin). */
    public void submit(Context ctx) {
        Principal caller = AccessGuard.principal(ctx);
        intake.admit(caller);
        String key = ctx.header(OrderRequests.IDEMPOTENCY_KEY);
        Order order = OrderRequests.parse(JsonBody.parse(mapper, ctx.body()), caller.userId(), key, clock.instant());
        CompletableFuture<OrderIntake.Reply> reply = intake.submit(ctx, caller, order, key != null);
        ctx.future(() -> reply.thenAccept(r -> {
            r.headers().forEach(ctx::header);
            ctx.status(r.status()).contentType("application/json").result(r.json());
        }));
    }

    /** GET /orders/{orderId} (owner), optionally {@code ?assessmentId=} to go straight to its partition. */
    public void get(Context ctx) {
        Principal caller = AccessGuard.principal(ctx);
        String orderId = Ids.id("orderId", ctx.pathParam("orderId"));
        String assessmentId = ctx.queryParam("assessmentId") == null ? null
                : Ids.id("assessmentId", ctx.queryParam("assessmentId"));
        lookup.respond(ctx, caller, orderId, assessmentId);
    }

    /** GET /orders?assessmentId=&amp;limit=&amp;cursor= (owner): order results from the database, newest first. */
    public void list(Context ctx) {
        Principal caller = AccessGuard.principal(ctx);
        PageRequest request = PageRequest.of(ctx, OrderHistory.CURSOR_KIND);
        if (history == null) {
            throw ApiException.unavailable("no order results database configured", retryAfterSeconds);
        }
        OrderPage page;
        try {
            page = history.newestFirst(request.assessmentId(), request.limit(), request.cursor());
        } catch (HistoryUnavailableException e) {
            throw ApiException.unavailable("order results database unavailable", retryAfterSeconds);
        }
        OrdersResponse body = new OrdersResponse(page.orders().stream().map(OrderResponse::of).toList(),
                page.next() == null ? null : page.next().encode());
        pages.respond(ctx, caller, request.assessmentId(), page.orders().stream().map(OrderRow::userId).toList(),
                body);
    }
}
