package io.tradingengine.api.trades;

import java.math.BigDecimal;
import java.time.Instant;

/** One row of the {@code trades} table (written by the sink). */
public record TradeRow(String tradeId, String orderId, String assessmentId, String userId, String market,
                       String assetClass, String side, BigDecimal quantity, BigDecimal price, BigDecimal fee,
                       BigDecimal realizedPnl, String kind, Instant executedAt) {
}
