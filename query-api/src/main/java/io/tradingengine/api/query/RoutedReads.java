package io.tradingengine.api.query;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradingengine.api.http.CorrelationIds;
import io.tradingengine.api.http.Forwarder;
import io.tradingengine.api.http.Futures;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed reads across instances. The copies of a key's partition are tried in order: the active copy (read here when
 * it is local, else the request is forwarded to its instance), then the standbys, which answer only while their lag
 * is within the bound (a local one directly, a remote one by forwarding). A forwarded request is answered from local
 * copies only. Whatever copy answers, the owner check of the read itself applies, so the answer is never another
 * user's; when no copy can answer, the read fails with {@link StoreUnavailableException} (503 with Retry-After).
 */
public final class RoutedReads {

    private static final Logger LOG = LoggerFactory.getLogger(RoutedReads.class);

    private final InstanceLocator locator;
    private final Forwarder forwarder;
    private final long maxStandbyLag;
    private final MeterRegistry meters;

    /**
     * @param maxStandbyLag how far behind (records) a standby or restoring copy may be and still answer
     */
    public RoutedReads(InstanceLocator locator, Forwarder forwarder, long maxStandbyLag, MeterRegistry meters) {
        this.locator = locator;
        this.forwarder = forwarder;
        this.maxStandbyLag = maxStandbyLag;
        this.meters = meters;
    }

    /** How a read was answered. */
    public sealed interface Served<T> permits Local, Remote {
    }

    /**
     * Read here.
     *
     * @param value what the local read returned
     * @param standby true when a standby or restoring copy answered
     * @param instance this instance's {@code host:port} ("local" when alone)
     */
    public record Local<T>(T value, boolean standby, String instance) implements Served<T> {
    }

    /**
     * Answered by another instance.
     *
     * @param response its answer, status below 500
     */
    public record Remote<T>(Forwarder.Response response) implements Served<T> {
    }

    /**
     * Reads the assessment's state where it lives.
     *
     * @param path what to GET from another instance that holds the key (path and query)
     * @param local the read of a local copy; it throws {@link StoreUnavailableException} when that copy cannot
     *     answer, and any other exception (a 404, say) ends the read with that exception
     */
    public <T> CompletableFuture<Served<T>> read(Context ctx, String assessmentId, String path,
                                                 Function<ReadMode, T> local) {
        List<Replica> replicas;
        try {
            replicas = locator.replicas(assessmentId);
        } catch (StoreUnavailableException e) {
            count("unavailable");
            throw e;
        }
        return attempt(ctx, assessmentId, replicas, 0, path, local, new ArrayList<>());
    }

    /**
     * Answers a keyed GET: a local value as JSON with {@value Forwarder#SERVED_BY} and {@value Forwarder#INSTANCE},
     * another instance's answer as it came. A read that completes at once is answered without going asynchronous.
     */
    public void respond(Context ctx, String assessmentId, Function<ReadMode, ?> local) {
        CompletableFuture<? extends Served<?>> served = read(ctx, assessmentId, Forwarder.pathAndQuery(ctx), local);
        if (served.isDone()) {
            render(ctx, Futures.joinCompleted(served));
        } else {
            ctx.future(() -> served.thenAccept(result -> render(ctx, result)));
        }
    }

    private static void render(Context ctx, Served<?> served) {
        if (served instanceof Local<?> local) {
            ctx.header(Forwarder.SERVED_BY, local.standby() ? "standby" : "active");
            ctx.header(Forwarder.INSTANCE, local.instance());
            ctx.json(local.value());
        } else if (served instanceof Remote<?> remote) {
            Forwarder.relay(ctx, remote.response());
        }
    }

    private <T> CompletableFuture<Served<T>> attempt(Context ctx, String assessmentId, List<Replica> replicas,
                                                     int start, String path, Function<ReadMode, T> local,
                                                     List<String> failures) {
        boolean forwarded = Forwarder.isForwarded(ctx);
        for (int i = start; i < replicas.size(); i++) {
            Replica replica = replicas.get(i);
            if (replica.local()) {
                Local<T> answer = readLocally(replica, local, failures);
                if (answer != null) {
                    count(answer.standby() ? "standby" : "active");
                    return CompletableFuture.completedFuture(answer);
                }
            } else if (!forwarded) {
                int next = i + 1;
                return forwarder.get(ctx, replica.host(), path)
                        .handle((response, error) -> {
                            if (error == null && response.status() < 500) {
                                count("forwarded");
                                return CompletableFuture.<Served<T>>completedFuture(new Remote<>(response));
                            }
                            failures.add(replica.describe() + ": " + (error == null
                                    ? "answered " + response.status() : rootCause(error)));
                            return CorrelationIds.withMdc(CorrelationIds.of(ctx),
                                    () -> attempt(ctx, assessmentId, replicas, next, path, local, failures));
                        })
                        .thenCompose(Function.identity());
            }
        }
        count("unavailable");
        LOG.debug("No copy of assessment {} could answer: {}", assessmentId, failures);
        // The details (instances, lags) stay in the log: the caller learns only that it should retry.
        return CompletableFuture.failedFuture(new StoreUnavailableException("assessment " + assessmentId
                + " cannot be read now: its state is moving between instances or restoring"));
    }

    /** The local copy's answer, or null when it cannot answer (the reason goes to {@code failures}). */
    private <T> Local<T> readLocally(Replica replica, Function<ReadMode, T> local, List<String> failures) {
        String instance = replica.describe();
        if (replica.active()) {
            try {
                return new Local<>(local.apply(ReadMode.ACTIVE), false, instance);
            } catch (StoreUnavailableException e) {
                failures.add(instance + " (active): " + e.getMessage());
            }
        }
        // A standby, or the active copy still restoring: either may answer within the lag bound.
        try {
            return new Local<>(local.apply(ReadMode.standby(maxStandbyLag)), true, instance);
        } catch (StoreUnavailableException e) {
            failures.add(instance + " (copy): " + e.getMessage());
            return null;
        }
    }

    private static String rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName();
    }

    private void count(String servedBy) {
        Counter.builder("api.store.reads")
                .description("Keyed store reads by how they were answered: active or standby copy here, forwarded, "
                        + "or unavailable")
                .tag("served", servedBy)
                .register(meters)
                .increment();
    }
}
