package io.tradingengine.api.trades;

import io.javalin.http.Context;
import io.tradingengine.api.auth.AccessGuard;
import io.tradingengine.api.auth.Principal;
import io.tradingengine.api.history.HistoryPages;
import io.tradingengine.api.history.HistoryUnavailableException;
import io.tradingengine.api.history.PageRequest;
import io.tradingengine.api.http.ApiException;

/**
 * GET /trades?assessmentId=&amp;limit=&amp;cursor= (owner): trade history from the database, newest first, with an
 * opaque keyset cursor. Without a database the route answers 503.
 */
public final class TradeController {

    public static final int DEFAULT_LIMIT = PageRequest.DEFAULT_LIMIT;
    public static final int MAX_LIMIT = PageRequest.MAX_LIMIT;

    private final TradeHistory history;
    private final HistoryPages pages;
    private final long retryAfterSeconds;

    /**
     * @param history the database's history, or null when no database is configured
     * @param pages the owner rule of history pages
     */
    public TradeController(TradeHistory history, HistoryPages pages, long retryAfterSeconds) {
        this.history = history;
        this.pages = pages;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public void list(Context ctx) {
        Principal caller = AccessGuard.principal(ctx);
        PageRequest request = PageRequest.of(ctx, TradeHistory.CURSOR_KIND);
        if (history == null) {
            throw ApiException.unavailable("no trades database configured", retryAfterSeconds);
        }
        TradePage page;
        try {
            page = history.newestFirst(request.assessmentId(), request.limit(), request.cursor());
        } catch (HistoryUnavailableException e) {
            throw ApiException.unavailable("trades database unavailable", retryAfterSeconds);
        }
        TradesResponse body = new TradesResponse(page.trades().stream().map(TradeResponse::of).toList(),
                page.next() == null ? null : page.next().encode());
        pages.respond(ctx, caller, request.assessmentId(), page.trades().stream().map(TradeRow::userId).toList(),
                body);
    }
}
