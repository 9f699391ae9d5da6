package io.tradingengine.api.trades;

import io.javalin.http.Context;
import io.tradingengine.api.auth.AccessGuard;
import io.tradingengine.api.auth.Principal;
import io.tradingengine.api.http.ApiException;
import io.tradingengine.api.http.Ids;
import io.tradingengine.api.query.QueryService;
import io.tradingengine.api.query.StoreUnavailableException;

/**
 * GET /trades?assessmentId=&amp;limit=&amp;cursor= (owner): trade history from the database, newest first, with an
 * opaque keyset cursor. Without a database the route answers 503.
 */
public final class TradeController {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private final TradeHistory history;
    private final QueryService queries;
    private final long retryAfterSeconds;

    /**
     * @param history the database's history, or null when no database is configured
     * @param queries used to tell "no trades yet" from "not your assessment"
     */
    public TradeController(TradeHistory history, QueryService queries, long retryAfterSeconds) {
        this.history = history;
        this.queries = queries;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public void list(Context ctx) {
        Principal caller = AccessGuard.principal(ctx);
        String assessmentId = Ids.id("assessmentId", ctx.queryParam("assessmentId"));
        int limit = ctx.queryParamAsClass("limit", Integer.class)
                // Javalin runs checks on absent values too (as null).
                .check(l -> l == null || l >= 1 && l <= MAX_LIMIT, "must be between 1 and " + MAX_LIMIT)
                .getOrDefault(DEFAULT_LIMIT);
        TradeCursor cursor = TradeCursor.decode(ctx.queryParam("cursor"));
        if (history == null) {
            throw ApiException.unavailable("no trades database configured", retryAfterSeconds);
        }
        TradePage page;
        try {
            page = history.newestFirst(assessmentId, limit, cursor);
        } catch (TradeHistoryException e) {
            throw ApiException.unavailable("trades database unavailable", retryAfterSeconds);
        }
        requireOwner(caller, assessmentId, page);
        ctx.json(new TradesResponse(page.trades().stream().map(TradeResponse::of).toList(),
                page.next() == null ? null : page.next().encode()));
    }

    /** Another user's assessment answers 404, whether or not it has trades. */
    private void requireOwner(Principal caller, String assessmentId, TradePage page) {
        if (caller.isAdmin()) {
            return;
        }
        boolean foreignRow = page.trades().stream().anyMatch(t -> !caller.userId().equals(t.userId()));
        boolean foreignAssessment = page.trades().isEmpty() && foreignAssessment(caller, assessmentId);
        if (foreignRow || foreignAssessment) {
            throw ApiException.notFound("assessment " + assessmentId + " not found");
        }
    }

    private boolean foreignAssessment(Principal caller, String assessmentId) {
        try {
            return queries.account(assessmentId)
                    .map(a -> !caller.userId().equals(a.assessment().getUserId()))
                    .orElse(false);
        } catch (StoreUnavailableException e) {
            // An empty page reveals nothing about whose assessment it is.
            return false;
        }
    }
}
