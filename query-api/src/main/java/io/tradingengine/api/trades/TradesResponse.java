package io.tradingengine.api.trades;

import java.util.List;

/** GET /trades (DESIGN.md): {@code {trades, nextCursor}}, nextCursor null on the last page. */
public record TradesResponse(List<TradeResponse> trades, String nextCursor) {
}
