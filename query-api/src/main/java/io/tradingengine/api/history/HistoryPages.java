package io.tradingengine.api.history;

import io.javalin.http.Context;
import io.tradingengine.api.accounts.AssessmentOwners;
import io.tradingengine.api.auth.Principal;
import io.tradingengine.api.http.ApiException;
import io.tradingengine.api.http.Futures;
import io.tradingengine.api.query.StoreUnavailableException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The owner rule of the history lists: a page is answered when every row is the caller's; a page with another
 * user's row, or an empty page of an assessment the caller cannot see (asked of the instance that holds it), is 404
 * as if it did not exist. An empty page while nobody can tell whose the assessment is reveals nothing, and is
 * answered as it is.
 */
public final class HistoryPages {

    private final AssessmentOwners owners;

    public HistoryPages(AssessmentOwners owners) {
        this.owners = owners;
    }

    /**
     * Answers {@code body} (the page as JSON) unless the owner rule forbids it.
     *
     * @param rowOwners the user id of every row of the page
     */
    public void respond(Context ctx, Principal caller, String assessmentId, List<String> rowOwners, Object body) {
        if (caller.isAdmin()) {
            ctx.json(body);
            return;
        }
        if (rowOwners.stream().anyMatch(owner -> !caller.userId().equals(owner))) {
            throw notFound(assessmentId);
        }
        if (!rowOwners.isEmpty()) {
            ctx.json(body);
            return;
        }
        CompletableFuture<Optional<String>> owner;
        try {
            owner = owners.ownerSeenBy(ctx, caller, assessmentId);
        } catch (StoreUnavailableException e) {
            ctx.json(body);
            return;
        }
        CompletableFuture<Void> answered = owner.handle((seen, error) -> {
            if (error == null && seen.isEmpty()) {
                throw notFound(assessmentId);
            }
            ctx.json(body);
            return null;
        });
        if (answered.isDone()) {
            Futures.joinCompleted(answered);
        } else {
            ctx.future(() -> answered);
        }
    }

    private static ApiException notFound(String assessmentId) {
        return ApiException.notFound("assessment " + assessmentId + " not found");
    }
}
