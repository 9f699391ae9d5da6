package io.tradingengine.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Checks the rules of an assessment against its equity and carries out the verdict (DESIGN.md, Assessments).
 *
 * <p>Equity is the balance plus the unrealized P&L of every position at the marks given ({@link Valuation}). A
 * breach ({@link RuleBook}: drawdown before daily loss) sets FAILED with the rule as reason and closes every open
 * position at its mark, the breach price, as a LIQUIDATION trade: no slippage and no fee, so the balance after the
 * liquidation equals the equity at the breach exactly. A position without a mark closes at its average entry,
 * where it was valued. Reaching the profit target sets PASSED and closes nothing. An assessment that is not ACTIVE
 * is never changed.
 *
 * <p>The same check runs after every fill, on every price tick of a held market, on every settlement and before
 * every daily reset; the callers differ only in the marks they pass.
 */
public final class RiskEngine {

    private RiskEngine() {
    }

    /**
     * Values the positions and applies the verdict of the rules, if any.
     *
     * @param account the account
     * @param positions every position of the account (flat ones are ignored), with their marks; liquidations come
     *     out in this order
     * @param at time of the check (status change and liquidation time)
     */
    public static Evaluation evaluate(Account account, Collection<MarketPosition> positions, Instant at) {
        return evaluate(account, account.isActive() ? RuleBook.limits(account) : null, positions, at);
    }

    /**
     * As {@link #evaluate(Account, Collection, Instant)}, against rule thresholds computed before by
     * {@link RuleBook#limits} (null for an account that is not ACTIVE): an order checks the rules up to three times
     * with the same thresholds.
     */
    public static Evaluation evaluate(Account account, RuleBook.Limits limits, Collection<MarketPosition> positions,
                                      Instant at) {
        return evaluate(account, limits, equity(account.balance(), positions), positions, at);
    }

    /**
     * As {@link #evaluate(Account, RuleBook.Limits, Collection, Instant)}, with the equity the caller has already
     * valued from the same positions ({@link #equity}); the positions are then only read to liquidate them.
     */
    static Evaluation evaluate(Account account, RuleBook.Limits limits, BigDecimal equity,
                               Collection<MarketPosition> positions, Instant at) {
        Optional<RuleVerdict> verdict = limits == null
                ? Optional.empty()
                : RuleBook.evaluate(account, limits, equity);
        if (verdict.isEmpty()) {
            return new Evaluation(account, equity, null, List.of());
        }
        RuleVerdict rule = verdict.get();
        if (!rule.isBreach()) {
            return new Evaluation(RuleBook.apply(account, rule, at), equity, rule, List.of());
        }
        List<ClosingTrade> liquidations = new ArrayList<>();
        BigDecimal balance = account.balance();
        for (MarketPosition position : positions) {
            if (position.isOpen()) {
                ClosingTrade trade = liquidate(account.assessmentId(), position);
                liquidations.add(trade);
                balance = balance.add(trade.balanceChange());
            }
        }
        Account failed = RuleBook.apply(account.withBalance(balance, at), rule, at);
        return new Evaluation(failed, equity, rule, liquidations);
    }

    /**
     * Balance plus the unrealized P&L of the open positions: {@link Valuation#of}'s equity without the gross
     * notional, which the rules do not need.
     */
    static BigDecimal equity(BigDecimal balance, Collection<MarketPosition> positions) {
        BigDecimal unrealized = Money.ZERO;
        for (MarketPosition position : positions) {
            PositionState state = position.state();
            if (!state.isFlat()) {
                unrealized = unrealized.add(Holding.unrealizedPnl(state.quantity(), state.averageEntryPrice(),
                        position.markPrice()));
            }
        }
        return Money.of(balance.add(unrealized));
    }

    /** Closes a whole open position at its mark (average entry without one), without fee. */
    static ClosingTrade liquidate(String assessmentId, MarketPosition position) {
        PositionState state = position.state();
        BigDecimal price = position.markPrice() == null ? state.averageEntryPrice() : Money.of(position.markPrice());
        Side side = Side.closing(state.quantity());
        BigDecimal quantity = state.quantity().abs();
        Netting netting = state.apply(side, quantity, price, Money.ZERO);
        return new ClosingTrade(TradeIds.liquidation(assessmentId, position.market()), TradeKind.LIQUIDATION,
                position.market(), position.assetClass(), side, quantity, price, Money.ZERO, netting.realizedPnl(),
                netting.position());
    }
}
