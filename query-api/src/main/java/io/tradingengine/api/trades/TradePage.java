package io.tradingengine.api.trades;

import io.tradingengine.api.history.KeysetCursor;
import java.util.List;

/**
 * A page of trades, newest first.
 *
 * @param trades the rows of this page
 * @param next where the next page starts, or null when this is the last page
 */
public record TradePage(List<TradeRow> trades, KeysetCursor next) {

    public TradePage {
        trades = List.copyOf(trades);
    }
}
