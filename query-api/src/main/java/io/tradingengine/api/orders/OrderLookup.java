package io.tradingengine.api.orders;

import io.javalin.http.Context;
import io.tradingengine.api.auth.Principal;
import io.tradingengine.api.history.HistoryUnavailableException;
import io.tradingengine.api.http.ApiException;
import io.tradingengine.api.http.Forwarder;
import io.tradingengine.api.query.InstanceLocator;
import io.tradingengine.api.query.QueryService;
import io.tradingengine.api.query.ReadMode;
import io.tradingengine.api.query.RoutedReads;
import io.tradingengine.api.query.StoreUnavailableException;
import io.tradingengine.avro.OrderResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.state.HostInfo;

/**
 * GET /orders/{orderId}. An order id does not carry its assessment id, which decides the partition (and so the
 * instance) holding the result. The lookup therefore goes, in order:
 * <ol>
 *   <li>the recent results this instance's listener saw on {@code order-results} (every partition, so any recent
 *       order, wherever it was taken: the usual case of a client following a 202's {@code Location});</li>
 *   <li>with {@code ?assessmentId=}: the keyed read of that assessment's partition, local or forwarded;</li>
 *   <li>without it: this instance's active partitions, then every other instance at once (each answers from its own
 *       partitions only), the first to have it answers;</li>
 *   <li>the database's {@code order_results} (results the stores no longer keep).</li>
 * </ol>
 * Not found anywhere is 404 only when every instance answered; otherwise 503, since the result may sit on an
 * instance that could not answer. Another user's order is 404 at every step.
 */
public final class OrderLookup {

    private final CommandGateway commands;
    private final QueryService queries;
    private final RoutedReads reads;
    private final InstanceLocator locator;
    private final Forwarder forwarder;
    private final OrderHistory history;
    private final long retryAfterSeconds;

    /**
     * @param history the database's order results, or null when there is no database
     */
    public OrderLookup(CommandGateway commands, QueryService queries, RoutedReads reads, InstanceLocator locator,
                       Forwarder forwarder, OrderHistory history, long retryAfterSeconds) {
        this.commands = commands;
        this.queries = queries;
        this.reads = reads;
        this.locator = locator;
        this.forwarder = forwarder;
        this.history = history;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Answers GET /orders/{orderId}, optionally narrowed to {@code assessmentId} (null when not given). */
    public void respond(Context ctx, Principal caller, String orderId, String assessmentId) {
        Optional<OrderResult> recent = commands.recentResult(orderId)
                .filter(r -> assessmentId == null || assessmentId.equals(r.getAssessmentId()));
        if (recent.isPresent()) {
            ctx.json(OrderResponse.of(visible(caller, recent.get(), orderId)));
            return;
        }
        if (assessmentId != null) {
            reads.respond(ctx, assessmentId, mode -> keyed(caller, assessmentId, orderId, mode));
            return;
        }
        scatter(ctx, caller, orderId);
    }

    /** The result from the assessment's partition, else from the database. */
    private OrderResponse keyed(Principal caller, String assessmentId, String orderId, ReadMode mode) {
        Optional<OrderResult> stored = queries.orderResult(assessmentId, orderId, mode);
        if (stored.isPresent()) {
            return OrderResponse.of(visible(caller, stored.get(), orderId));
        }
        return fromDatabase(caller, orderId, false)
                .filter(row -> assessmentId.equals(row.assessmentId()))
                .map(OrderResponse::of)
                .orElseThrow(() -> notFound(orderId));
    }

    private void scatter(Context ctx, Principal caller, String orderId) {
        boolean complete = true;
        try {
            Optional<OrderResult> local = queries.orderResult(orderId);
            if (local.isPresent()) {
                ctx.header(Forwarder.SERVED_BY, "active");
                ctx.json(OrderResponse.of(visible(caller, local.get(), orderId)));
                return;
            }
        } catch (StoreUnavailableException e) {
            complete = false;
        }
        if (Forwarder.isForwarded(ctx)) {
            // The forwarding instance asks the others and the database itself.
            if (!complete) {
                throw ApiException.unavailable("order results not readable here now", retryAfterSeconds);
            }
            throw notFound(orderId);
        }
        List<HostInfo> others;
        try {
            others = locator.otherInstances();
        } catch (StoreUnavailableException e) {
            others = List.of();
            complete = false;
        }
        boolean localComplete = complete;
        List<CompletableFuture<Optional<Forwarder.Response>>> asks = new ArrayList<>();
        for (HostInfo other : others) {
            asks.add(forwarder.get(ctx, other, Forwarder.pathAndQuery(ctx))
                    .thenApply(Optional::of)
                    .exceptionally(error -> Optional.empty()));
        }
        if (asks.isEmpty()) {
            finish(ctx, caller, orderId, asks, localComplete);
            return;
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new));
        ctx.future(() -> all.thenRun(() -> finish(ctx, caller, orderId, asks, localComplete)));
    }

    /** The first instance that has the order answers; else the database; else 404 or, if anyone was silent, 503. */
    private void finish(Context ctx, Principal caller, String orderId,
                        List<CompletableFuture<Optional<Forwarder.Response>>> asks, boolean localComplete) {
        boolean everyoneAnswered = localComplete;
        for (CompletableFuture<Optional<Forwarder.Response>> ask : asks) {
            Optional<Forwarder.Response> response = ask.join();
            if (response.isPresent() && response.get().status() == 200) {
                Forwarder.relay(ctx, response.get());
                return;
            }
            everyoneAnswered &= response.isPresent() && response.get().status() == 404;
        }
        boolean complete = everyoneAnswered;
        ctx.json(fromDatabase(caller, orderId, !complete)
                .map(OrderResponse::of)
                .orElseThrow(() -> complete ? notFound(orderId)
                        : ApiException.unavailable("not every instance could look for order " + orderId + " now",
                                retryAfterSeconds)));
    }

    /**
     * The database's row of the order when the caller may see it.
     *
     * @param quiet true to treat an unreachable database as "not found" (the caller answers 503 anyway)
     */
    private Optional<OrderRow> fromDatabase(Principal caller, String orderId, boolean quiet) {
        if (history == null) {
            return Optional.empty();
        }
        Optional<OrderRow> row;
        try {
            row = history.find(orderId);
        } catch (HistoryUnavailableException e) {
            if (quiet) {
                return Optional.empty();
            }
            throw ApiException.unavailable("order results database unavailable", retryAfterSeconds);
        }
        if (row.isPresent() && !caller.canRead(row.get().userId())) {
            throw notFound(orderId);
        }
        return row;
    }

    /** {@code result} when the caller may see it; else 404, exactly as for an order that does not exist. */
    private static OrderResult visible(Principal caller, OrderResult result, String orderId) {
        // A result without user id (written before the field existed) is shown to admins only.
        if (caller.isAdmin() || result.getUserId() != null && caller.userId().equals(result.getUserId())) {
            return result;
        }
        throw notFound(orderId);
    }

    private static ApiException notFound(String orderId) {
        return ApiException.notFound("order " + orderId + " not found");
    }
}
