package io.tradingengine.api.trades;

import io.tradingengine.schemas.Decimals;
import java.time.Instant;
import java.util.Locale;

/** One trade in GET /trades: decimals as strings, side lower case as in POST /orders. */
public record TradeResponse(String tradeId, String orderId, String assessmentId, String market, String assetClass,
                            String side, String quantity, String price, String fee, String realizedPnl, String kind,
                            Instant executedAt) {

    public static TradeResponse of(TradeRow row) {
        return new TradeResponse(row.tradeId(), row.orderId(), row.assessmentId(), row.market(), row.assetClass(),
                row.side() == null ? null : row.side().toLowerCase(Locale.ROOT), Decimals.text(row.quantity()),
                Decimals.text(row.price()), Decimals.text(row.fee()), Decimals.text(row.realizedPnl()), row.kind(),
                row.executedAt());
    }
}
