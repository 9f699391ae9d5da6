package io.tradingengine.api.accounts;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.tradingengine.api.auth.Principal;
import io.tradingengine.api.query.QueryService;
import io.tradingengine.api.query.RoutedReads;
import io.tradingengine.api.query.StoreUnavailableException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Who owns an assessment, as the caller may learn it: from the local store, or from the instance that holds the
 * assessment (a forwarded {@code GET /assessments/{id}} with the caller's own credentials, so that instance applies
 * the owner rule itself). Owners found are cached for a short while: an assessment's owner does not change, and
 * order intake asks for every order.
 */
public final class AssessmentOwners {

    private static final int CAPACITY = 100_000;

    private final RoutedReads reads;
    private final QueryService queries;
    private final ObjectMapper mapper;
    private final long ttlNanos;
    private final Map<String, Cached> cache;

    private record Cached(String owner, long expiresAtNanos) {
    }

    public AssessmentOwners(RoutedReads reads, QueryService queries, ObjectMapper mapper, Duration ttl) {
        this.reads = reads;
        this.queries = queries;
        this.mapper = mapper;
        this.ttlNanos = ttl.toNanos();
        this.cache = new LinkedHashMap<>(1024, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > CAPACITY;
            }
        };
    }

    /**
     * The owner of the assessment when it exists and the caller may see it (its owner, or an admin); empty otherwise.
     * Fails with {@link StoreUnavailableException} when no instance can tell now.
     */
    public CompletableFuture<Optional<String>> ownerSeenBy(Context ctx, Principal caller, String assessmentId) {
        Optional<String> cached = cached(assessmentId);
        if (cached.isPresent()) {
            return CompletableFuture.completedFuture(cached.filter(caller::canRead));
        }
        return reads.<Optional<String>>read(ctx, assessmentId, "/assessments/" + assessmentId,
                        mode -> queries.account(assessmentId, mode).map(a -> a.assessment().getUserId()))
                .thenApply(served -> {
                    Optional<String> owner = owner(served, assessmentId);
                    owner.ifPresent(o -> remember(assessmentId, o));
                    return owner.filter(caller::canRead);
                });
    }

    private Optional<String> owner(RoutedReads.Served<Optional<String>> served, String assessmentId) {
        if (served instanceof RoutedReads.Local<Optional<String>> local) {
            return local.value();
        }
        if (!(served instanceof RoutedReads.Remote<Optional<String>> remote)) {
            throw new IllegalStateException("unknown answer " + served);
        }
        int status = remote.response().status();
        if (status == 404) {
            // Not there, or not the caller's: the same to the caller.
            return Optional.empty();
        }
        if (status != 200) {
            throw new StoreUnavailableException("the owner of assessment " + assessmentId + " answered " + status);
        }
        try {
            JsonNode body = mapper.readTree(remote.response().body());
            JsonNode userId = body.get("userId");
            if (userId == null || !userId.isTextual()) {
                throw new StoreUnavailableException("the owner of assessment " + assessmentId + " answered no user");
            }
            return Optional.of(userId.textValue());
        } catch (JacksonException e) {
            throw new StoreUnavailableException("the owner of assessment " + assessmentId + " answered no JSON", e);
        }
    }

    private synchronized Optional<String> cached(String assessmentId) {
        Cached entry = cache.get(assessmentId);
        if (entry == null) {
            return Optional.empty();
        }
        if (System.nanoTime() - entry.expiresAtNanos() > 0) {
            cache.remove(assessmentId);
            return Optional.empty();
        }
        return Optional.of(entry.owner());
    }

    private synchronized void remember(String assessmentId, String owner) {
        cache.put(assessmentId, new Cached(owner, System.nanoTime() + ttlNanos));
    }
}
