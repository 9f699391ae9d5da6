package io.tradingengine.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides one market order: flat guard clauses that return a {@link Rejection}, then the fill.
 *
 * <p>Guard order (the first that applies wins): {@link RejectCode#INVALID_ORDER} ({@link #validate}); the caller
 * then answers a duplicate order id with its stored first result; then {@link #admit}: {@code UNKNOWN_MARKET},
 * {@code ASSESSMENT_NOT_FOUND}, {@code NOT_OWNER}, {@code ASSESSMENT_NOT_ACTIVE}; then (in {@link OrderDesk}) the
 * rules on the current equity, {@code MAX_DRAWDOWN} and {@code DAILY_LOSS_LIMIT}; then {@link #execute}:
 * {@code MARKET_NOT_OPEN}, {@code NO_PRICE}, {@code STALE_PRICE}, {@code MAX_ORDER_NOTIONAL},
 * {@code MAX_POSITION_NOTIONAL}, {@code INSUFFICIENT_BUYING_POWER}, and {@code MAX_DRAWDOWN} or
 * {@code DAILY_LOSS_LIMIT} once more for the equity the fill would leave. {@link #decide} runs admit and execute.
 *
 * <p>The size checks (order notional, position notional, buying power) and the rule check on the equity after the
 * fill never block an order that only reduces the position (its absolute quantity does not grow), so a trader can
 * always close. Buying power is equity × max leverage (1 by default), measured against the gross notional after
 * the fill: the other holdings at their marks plus the new position at the fill price. Equity is taken before the
 * order, marks from the latest prices. The equity after the fill is the new balance (realized P&L and fee in it)
 * plus the unrealized P&L of every holding at its mark: an order whose fee and slippage alone would cross a floor is
 * rejected with the rule's code instead of failing the assessment.
 */
public final class OrderEngine {

    private final FillPricer pricer;
    private final PriceFreshness freshness;

    public OrderEngine(CostSchedule costs, PriceFreshness freshness) {
        this.pricer = new FillPricer(costs);
        this.freshness = Objects.requireNonNull(freshness, "freshness");
    }

    /** The trade id of the fill of an order: derived from the order id, so reprocessing gives the same id. */
    public static String tradeId(String orderId) {
        return TradeIds.fill(orderId);
    }

    /** {@link RejectCode#INVALID_ORDER} when a field is missing or the quantity is not positive. */
    public Optional<Rejection> validate(OrderRequest order) {
        String problem = problemOf(order);
        return problem == null ? Optional.empty() : Optional.of(new Rejection(RejectCode.INVALID_ORDER, problem));
    }

    /**
     * Decides a valid order (one that passed {@link #validate}).
     *
     * @param order the order
     * @param market the market, null when not listed
     * @param quote the latest price of the market, null when none was seen
     * @param account the assessment's account, null when it does not exist
     * @param position the current position in the order's market ({@link PositionState#FLAT} when none)
     * @param otherHoldings the account's positions in the other markets, with their marks
     * @param now processing time (fill time, price age)
     */
    public OrderDecision decide(OrderRequest order, MarketInfo market, Quote quote, Account account,
                                PositionState position, Collection<Holding> otherHoldings, Instant now) {
        Optional<Rejection> refused = admit(order, market, account);
        if (refused.isPresent()) {
            return refused.get();
        }
        return execute(order, market, quote, account, position, otherHoldings, now);
    }

    /**
     * The guards on who may trade: {@code UNKNOWN_MARKET}, {@code ASSESSMENT_NOT_FOUND}, {@code NOT_OWNER} (also
     * for orders that come straight from a Kafka producer), {@code ASSESSMENT_NOT_ACTIVE}.
     *
     * @param market the market, null when not listed
     * @param account the assessment's account, null when it does not exist
     */
    public Optional<Rejection> admit(OrderRequest order, MarketInfo market, Account account) {
        if (market == null) {
            return Optional.of(new Rejection(RejectCode.UNKNOWN_MARKET, "market " + order.market() + " is not listed"));
        }
        if (account == null) {
            return Optional.of(new Rejection(RejectCode.ASSESSMENT_NOT_FOUND,
                    "assessment " + order.assessmentId() + " does not exist"));
        }
        if (!account.userId().equals(order.userId())) {
            return Optional.of(new Rejection(RejectCode.NOT_OWNER,
                    "user " + order.userId() + " does not own assessment " + order.assessmentId()));
        }
        if (!account.isActive()) {
            String reason = account.reason() == null ? "" : " (" + account.reason() + ")";
            return Optional.of(new Rejection(RejectCode.ASSESSMENT_NOT_ACTIVE,
                    "assessment " + order.assessmentId() + " is " + account.status() + reason));
        }
        return Optional.empty();
    }

    /**
     * The guards on the market, the price and the size, then the fill, for an order that passed {@link #admit}.
     * Arguments as in {@link #decide}; market and account are not null.
     */
    public OrderDecision execute(OrderRequest order, MarketInfo market, Quote quote, Account account,
                                 PositionState position, Collection<Holding> otherHoldings, Instant now) {
        return execute(order, market, quote, account, RuleBook.limits(account), position, otherHoldings, now);
    }

    /**
     * As {@link #execute(OrderRequest, MarketInfo, Quote, Account, PositionState, Collection, Instant)}, with the
     * account's rule thresholds computed before ({@link RuleBook#limits}).
     */
    public OrderDecision execute(OrderRequest order, MarketInfo market, Quote quote, Account account,
                                 RuleBook.Limits limits, PositionState position, Collection<Holding> otherHoldings,
                                 Instant now) {
        return execute(order, market, quote, account, limits, position, OtherPositions.of(otherHoldings), now);
    }

    /**
     * What the account's positions in the other markets add up to, as the size and rule checks of an order need
     * them: their unrealized P&L and their gross notional at their marks. Sums of exact terms
     * ({@link Money#times}), not canonical: they are only added to and compared.
     *
     * @param unrealizedPnl sum of quantity × (mark − average entry)
     * @param grossNotional sum of |quantity| × mark
     */
    public record OtherPositions(BigDecimal unrealizedPnl, BigDecimal grossNotional) {

        /** No other position. */
        public static final OtherPositions NONE = new OtherPositions(Money.ZERO, Money.ZERO);

        public OtherPositions {
            Objects.requireNonNull(unrealizedPnl, "unrealizedPnl");
            Objects.requireNonNull(grossNotional, "grossNotional");
        }

        /** Sums the holdings. */
        public static OtherPositions of(Collection<Holding> holdings) {
            OtherPositions sum = NONE;
            for (Holding holding : holdings) {
                sum = sum.plus(holding.quantity(), holding.averageEntryPrice(), holding.markPrice());
            }
            return sum;
        }

        /**
         * balance + these positions' unrealized P&L + that of the order's market ({@code quantity} at
         * {@code averageEntryPrice}, marked at {@code markPrice}): the account's equity, exact, not canonical.
         */
        public BigDecimal equity(BigDecimal balance, BigDecimal quantity, BigDecimal averageEntryPrice,
                                 BigDecimal markPrice) {
            return balance.add(unrealizedPnl).add(Holding.unrealizedPnl(quantity, averageEntryPrice, markPrice));
        }

        /** These plus one position of {@code quantity} at {@code averageEntryPrice}, marked at {@code markPrice}. */
        public OtherPositions plus(BigDecimal quantity, BigDecimal averageEntryPrice, BigDecimal markPrice) {
            if (quantity.signum() == 0) {
                return this;
            }
            return new OtherPositions(
                    unrealizedPnl.add(Holding.unrealizedPnl(quantity, averageEntryPrice, markPrice)),
                    grossNotional.add(Holding.notional(quantity, averageEntryPrice, markPrice)));
        }
    }

    /**
     * As {@link #execute(OrderRequest, MarketInfo, Quote, Account, RuleBook.Limits, PositionState, Collection,
     * Instant)}, with the other positions already summed ({@link OrderDesk} values them once per order).
     */
    public OrderDecision execute(OrderRequest order, MarketInfo market, Quote quote, Account account,
                                 RuleBook.Limits limits, PositionState position, OtherPositions others,
                                 Instant now) {
        if (market.status() != MarketStatus.OPEN) {
            return new Rejection(RejectCode.MARKET_NOT_OPEN, "market " + market.market() + " is " + market.status());
        }
        BigDecimal reference = quote == null ? null : quote.reference(order.side());
        if (reference == null) {
            return new Rejection(RejectCode.NO_PRICE, quote == null
                    ? "no price for market " + market.market()
                    : "no bid, ask or last price for market " + market.market());
        }
        if (freshness.isStale(market.assetClass(), quote.timestamp(), now)) {
            Duration age = Duration.between(quote.timestamp(), now);
            return new Rejection(RejectCode.STALE_PRICE, "price of " + market.market() + " is " + age.toMillis()
                    + " ms old > max age " + freshness.maxAge(market.assetClass()).toMillis() + " ms");
        }
        return fill(order, market.assetClass(), reference, quote.mark(), account, limits, position, others, now);
    }

    private OrderDecision fill(OrderRequest order, AssetClass assetClass, BigDecimal reference, BigDecimal mark,
                               Account account, RuleBook.Limits limits, PositionState position,
                               OtherPositions others, Instant now) {
        BigDecimal price = pricer.fillPrice(order.side(), reference, assetClass);
        BigDecimal quantity = Money.of(order.quantity());
        BigDecimal fee = pricer.fee(quantity, price, assetClass);
        Netting netting = position.apply(order.side(), quantity, price, fee);
        PositionState after = netting.position();
        BigDecimal balance = account.balance().add(netting.realizedPnl()).subtract(fee);
        Account filled = account.withBalance(balance, now);

        if (after.quantity().abs().compareTo(position.quantity().abs()) > 0) {
            BigDecimal equity = others.equity(account.balance(), position.quantity(), position.averageEntryPrice(),
                    mark);
            Optional<Rejection> sizeRejection = checkSize(account.rules(), equity, others.grossNotional(),
                    Money.times(quantity, price), Money.times(after.quantity().abs(), price));
            if (sizeRejection.isPresent()) {
                return sizeRejection.get();
            }
            BigDecimal equityAfter = others.equity(balance, after.quantity(), after.averageEntryPrice(), mark);
            Optional<RuleVerdict> verdict = RuleBook.evaluate(filled, limits, equityAfter);
            if (verdict.isPresent() && verdict.get().isBreach()) {
                return new Rejection(RejectCode.valueOf(verdict.get().rule().name()),
                        "after this order " + verdict.get().detail());
            }
        }
        return new Fill(tradeId(order.orderId()), assetClass, order.side(), quantity, price, fee,
                netting.realizedPnl(), Money.of(mark), after, filled);
    }

    private static Optional<Rejection> checkSize(Rules rules, BigDecimal equity, BigDecimal otherGross,
                                                 BigDecimal orderNotional, BigDecimal positionNotional) {
        if (rules.maxOrderNotionalPercent() != null) {
            BigDecimal limit = percentOf(equity, rules.maxOrderNotionalPercent());
            if (orderNotional.compareTo(limit) > 0) {
                return Optional.of(new Rejection(RejectCode.MAX_ORDER_NOTIONAL, "order notional "
                        + Money.amount(orderNotional) + " > limit " + Money.amount(limit) + " ("
                        + Money.plain(rules.maxOrderNotionalPercent()) + " % of equity " + Money.amount(equity) + ")"));
            }
        }
        if (rules.maxPositionNotionalPercent() != null) {
            BigDecimal limit = percentOf(equity, rules.maxPositionNotionalPercent());
            if (positionNotional.compareTo(limit) > 0) {
                return Optional.of(new Rejection(RejectCode.MAX_POSITION_NOTIONAL, "position notional "
                        + Money.amount(positionNotional) + " > limit " + Money.amount(limit) + " ("
                        + Money.plain(rules.maxPositionNotionalPercent()) + " % of equity " + Money.amount(equity)
                        + ")"));
            }
        }
        BigDecimal buyingPower = Money.times(equity, rules.effectiveLeverage());
        BigDecimal grossAfter = otherGross.add(positionNotional);
        if (grossAfter.compareTo(buyingPower) > 0) {
            return Optional.of(new Rejection(RejectCode.INSUFFICIENT_BUYING_POWER, "gross notional "
                    + Money.amount(grossAfter) + " > buying power " + Money.amount(buyingPower) + " (equity "
                    + Money.amount(equity) + " x max leverage " + Money.plain(rules.effectiveLeverage()) + ")"));
        }
        return Optional.empty();
    }

    private static BigDecimal percentOf(BigDecimal amount, BigDecimal percent) {
        return Money.percentOf(amount, percent);
    }

    private static String problemOf(OrderRequest order) {
        if (isBlank(order.orderId())) {
            return "orderId is missing";
        }
        if (isBlank(order.assessmentId())) {
            return "assessmentId is missing";
        }
        if (order.assessmentId().indexOf('/') >= 0) {
            return "assessmentId must not contain '/', was " + order.assessmentId();
        }
        if (isBlank(order.userId())) {
            return "userId is missing";
        }
        if (isBlank(order.market())) {
            return "market is missing";
        }
        if (order.side() == null) {
            return "side is missing";
        }
        if (order.quantity() == null) {
            return "quantity is missing";
        }
        if (Money.of(order.quantity()).signum() <= 0) {
            return "quantity must be > 0, was " + Money.plain(order.quantity());
        }
        return null;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
