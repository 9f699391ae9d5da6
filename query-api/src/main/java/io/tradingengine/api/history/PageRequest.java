package io.tradingengine.api.history;

import io.javalin.http.Context;
import io.tradingengine.api.http.Ids;

/**
 * The query parameters of a history list: {@code assessmentId} (required), {@code limit} (1..500, default 50) and
 * {@code cursor} (opaque, from the previous page of the same list). Each is validated into a 400 naming it.
 *
 * @param assessmentId whose history
 * @param limit at most this many rows
 * @param cursor where the page starts, or null for the newest
 */
public record PageRequest(String assessmentId, int limit, KeysetCursor cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /** The parameters of {@code ctx} for a list whose cursors are of {@code kind}. */
    public static PageRequest of(Context ctx, String kind) {
        String assessmentId = Ids.id("assessmentId", ctx.queryParam("assessmentId"));
        int limit = ctx.queryParamAsClass("limit", Integer.class)
                // Javalin runs checks on absent values too (as null).
                .check(l -> l == null || l >= 1 && l <= MAX_LIMIT, "must be between 1 and " + MAX_LIMIT)
                .getOrDefault(DEFAULT_LIMIT);
        return new PageRequest(assessmentId, limit, KeysetCursor.decode(kind, ctx.queryParam("cursor")));
    }
}
