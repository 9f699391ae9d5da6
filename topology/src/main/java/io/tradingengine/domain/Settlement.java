package io.tradingengine.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * The end of a prediction market for one position (DESIGN.md, Trading semantics).
 *
 * <ul>
 *   <li><b>RESOLVED</b>: the position settles at 1 per share when the outcome is YES and at 0 when it is NO, as a
 *       SETTLEMENT trade without fee; the difference to the average entry is realized.</li>
 *   <li><b>CANCELLED</b>: the position is voided at its average entry (nothing realized) and every fee paid in the
 *       market is refunded, as a VOID trade whose fee is minus the refund. The fees of the position go back to 0,
 *       so a refund can never be paid twice; P&L realized in the market before the cancellation stands.</li>
 * </ul>
 *
 * @param trade the closing trade (its position is flat)
 * @param account the account with the trade's realized P&L and fee in its balance
 */
public record Settlement(ClosingTrade trade, Account account) {

    public Settlement {
        Objects.requireNonNull(trade, "trade");
        Objects.requireNonNull(account, "account");
    }

    /** Settles an open position of a RESOLVED market at 1 (YES) or 0 (NO). */
    public static Settlement resolve(Account account, MarketPosition position, boolean yes, Instant marketEventAt,
                                     Instant at) {
        BigDecimal price = yes ? Money.ONE : Money.ZERO;
        String tradeId = TradeIds.settlement(account.assessmentId(), position.market(), marketEventAt);
        return close(account, position, TradeKind.SETTLEMENT, tradeId, price, Money.ZERO, at);
    }

    /** Voids an open position of a CANCELLED market at its average entry, refunding the market's fees. */
    public static Settlement cancel(Account account, MarketPosition position, Instant marketEventAt, Instant at) {
        PositionState state = position.state();
        String tradeId = TradeIds.voided(account.assessmentId(), position.market(), marketEventAt);
        return close(account, position, TradeKind.VOID, tradeId, state.averageEntryPrice(), state.fees().negate(), at);
    }

    private static Settlement close(Account account, MarketPosition position, TradeKind kind, String tradeId,
                                    BigDecimal price, BigDecimal fee, Instant at) {
        PositionState state = position.state();
        if (state.isFlat()) {
            throw new IllegalArgumentException("position in " + position.market() + " is flat");
        }
        Side side = Side.closing(state.quantity());
        BigDecimal quantity = state.quantity().abs();
        Netting netting = state.apply(side, quantity, price, fee);
        ClosingTrade trade = new ClosingTrade(tradeId, kind, position.market(), position.assetClass(), side, quantity,
                price, Money.of(fee), netting.realizedPnl(), netting.position());
        return new Settlement(trade, account.withBalance(account.balance().add(trade.balanceChange()), at));
    }
}
