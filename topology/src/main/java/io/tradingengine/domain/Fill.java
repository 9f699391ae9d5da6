package io.tradingengine.domain;

import java.math.BigDecimal;

/**
 * A filled order and everything it changed.
 *
 * @param tradeId trade id derived from the order id ({@link OrderEngine#tradeId})
 * @param assetClass class of the market
 * @param side side of the order
 * @param quantity filled quantity (the whole order, positive)
 * @param price fill price including slippage
 * @param fee fee charged
 * @param realizedPnl P&L realized by this fill, fees not included
 * @param markPrice the market's mark at the fill (null when the quote has no mark)
 * @param position the position after the fill
 * @param account the account after the fill (balance moved by realized P&L − fee)
 */
public record Fill(String tradeId, AssetClass assetClass, Side side, BigDecimal quantity, BigDecimal price,
                   BigDecimal fee, BigDecimal realizedPnl, BigDecimal markPrice, PositionState position,
                   Account account) implements OrderDecision {
}
