package io.tradingengine.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole domain path of one order: admission, the rules on the current equity, the fill and the rules on the
 * equity after it. Pure: the caller reads the stores, calls {@link #place} and writes what comes back.
 *
 * <ol>
 *   <li>{@link OrderEngine#admit}: UNKNOWN_MARKET, ASSESSMENT_NOT_FOUND, NOT_OWNER, ASSESSMENT_NOT_ACTIVE.</li>
 *   <li>{@link RiskEngine#evaluate} at the current marks. A breach that no tick has reported yet (the price moved,
 *       the fan-out is on its way) is carried out now: the assessment FAILS, its positions are liquidated, and
 *       the order is rejected with the rule's code ({@code MAX_DRAWDOWN} or {@code DAILY_LOSS_LIMIT}). A profit
 *       target reached by price moves PASSES the assessment and rejects the order as
 *       {@code ASSESSMENT_NOT_ACTIVE}.</li>
 *   <li>{@link OrderEngine#execute}: market, price and size checks and the fill.</li>
 *   <li>After a fill, {@link RiskEngine#evaluate} again with the new position at the mark: a reducing order whose
 *       fee crosses a floor FAILS the assessment (and liquidates what is left); reaching the target PASSES it.</li>
 * </ol>
 */
public final class OrderDesk {

    private final OrderEngine engine;

    public OrderDesk(OrderEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * Places a valid order ({@link OrderEngine#validate} passed, not a duplicate).
     *
     * @param order the order
     * @param market the market, null when not listed
     * @param quote the latest price of the order's market, null when none
     * @param account the account, null when the assessment does not exist
     * @param positions every position of the account with its mark (the order's market at the quote's mark), in a
     *     stable order (the store's key order); may include flat ones
     * @param now processing time
     */
    public OrderOutcome place(OrderRequest order, MarketInfo market, Quote quote, Account account,
                              List<MarketPosition> positions, Instant now) {
        Optional<Rejection> refused = engine.admit(order, market, account);
        if (refused.isPresent()) {
            return new OrderOutcome(refused.get(), null);
        }
        // The rule thresholds do not move with the balance: computed once for the three checks of this order. The
        // other positions do not move either: valued once, for the equity before, the size checks and the equity
        // after.
        RuleBook.Limits limits = RuleBook.limits(account);
        PositionState current = PositionState.FLAT;
        BigDecimal currentMark = null;
        OrderEngine.OtherPositions others = OrderEngine.OtherPositions.NONE;
        for (MarketPosition position : positions) {
            PositionState state = position.state();
            if (position.market().equals(order.market())) {
                current = state;
                currentMark = position.markPrice();
            } else {
                others = others.plus(state.quantity(), state.averageEntryPrice(), position.markPrice());
            }
        }
        BigDecimal equity = others.equity(account.balance(), current.quantity(), current.averageEntryPrice(),
                currentMark);
        Evaluation before = RiskEngine.evaluate(account, limits, Money.of(equity), positions, now);
        if (before.hasVerdict()) {
            return new OrderOutcome(rejectionOf(order, before.verdict()), before);
        }
        OrderDecision decision = engine.execute(order, market, quote, account, limits, current, others, now);
        if (!(decision instanceof Fill fill)) {
            return new OrderOutcome(decision, null);
        }
        List<MarketPosition> after = new ArrayList<>(positions.size() + 1);
        boolean replaced = false;
        MarketPosition filled = new MarketPosition(order.market(), market.assetClass(), fill.position(),
                fill.markPrice());
        for (MarketPosition position : positions) {
            if (position.market().equals(order.market())) {
                after.add(filled);
                replaced = true;
            } else {
                after.add(position);
            }
        }
        if (!replaced) {
            after.add(filled);
        }
        PositionState position = fill.position();
        BigDecimal equityAfter = others.equity(fill.account().balance(), position.quantity(),
                position.averageEntryPrice(), fill.markPrice());
        return new OrderOutcome(fill, RiskEngine.evaluate(fill.account(), limits, Money.of(equityAfter), after, now));
    }

    private static Rejection rejectionOf(OrderRequest order, RuleVerdict verdict) {
        if (verdict.isBreach()) {
            return new Rejection(RejectCode.valueOf(verdict.rule().name()), verdict.detail());
        }
        return new Rejection(RejectCode.ASSESSMENT_NOT_ACTIVE, "assessment " + order.assessmentId() + " is "
                + verdict.status() + " (" + verdict.rule().name() + ")");
    }
}
