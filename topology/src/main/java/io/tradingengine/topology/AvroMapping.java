package io.tradingengine.topology;

import io.tradingengine.avro.AssessmentEvent;
import io.tradingengine.avro.AssessmentEventType;
import io.tradingengine.avro.Market;
import io.tradingengine.avro.Order;
import io.tradingengine.avro.Position;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.avro.Trade;
import io.tradingengine.avro.internal.AssessmentState;
import io.tradingengine.domain.Account;
import io.tradingengine.domain.AssessmentStatus;
import io.tradingengine.domain.AssetClass;
import io.tradingengine.domain.ClosingTrade;
import io.tradingengine.domain.DrawdownMode;
import io.tradingengine.domain.Holding;
import io.tradingengine.domain.MarketInfo;
import io.tradingengine.domain.MarketPosition;
import io.tradingengine.domain.MarketStatus;
import io.tradingengine.domain.Money;
import io.tradingengine.domain.OrderRequest;
import io.tradingengine.domain.PositionState;
import io.tradingengine.domain.Quote;
import io.tradingengine.domain.Rules;
import io.tradingengine.domain.Side;
import io.tradingengine.domain.TradeKind;
import io.tradingengine.domain.Valuation;
import io.tradingengine.schemas.Decimals;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Converts between the Avro records of the Kafka contracts and the domain's values, in one place. Decimals enter
 * the domain in {@link Money}'s canonical form ({@link Money#of}) and leave it at the wire scale
 * ({@link Decimals#wire}). Public so the
 * REST layer values positions exactly like the topology ({@link #holding}, {@link #mark}).
 */
public final class AvroMapping {


    private AvroMapping() {
    }

    /** The order as a domain request. */
    public static OrderRequest order(Order order) {
        return new OrderRequest(order.getOrderId(), order.getAssessmentId(), order.getUserId(), order.getMarket(),
                order.getSide() == null ? null : side(order.getSide()), order.getQuantity(),
                order.getSubmittedAt());
    }

    /** The market's trading facts, or null for null. */
    public static MarketInfo market(Market market) {
        if (market == null) {
            return null;
        }
        return new MarketInfo(market.getMarket(), assetClass(market.getAssetClass()),
                MarketStatus.valueOf(market.getStatus().name()));
    }

    /** The tick as a quote, or null for null. */
    public static Quote quote(PriceTick tick) {
        return tick == null ? null : new Quote(tick.getBid(), tick.getAsk(), tick.getLast(), tick.getTimestamp());
    }

    /** The mark of a tick (mid, else last), or null when there is no tick or no usable price. */
    public static BigDecimal mark(PriceTick tick) {
        return tick == null ? null : Valuation.mark(tick.getBid(), tick.getAsk(), tick.getLast());
    }

    /** A stored position with its current mark from {@code tick} (nullable): the unit of {@link Valuation#of}. */
    public static Holding holding(Position position, PriceTick tick) {
        return new Holding(position.getMarket(), Money.of(position.getQuantity()),
                Money.of(position.getAverageEntryPrice()), mark(tick));
    }

    /** A stored position with the mark it is valued at (nullable). */
    public static MarketPosition marketPosition(Position position, BigDecimal markPrice) {
        return new MarketPosition(position.getMarket(), assetClass(position.getAssetClass()), positionState(position),
                markPrice);
    }

    /** The trade record of a liquidation, settlement or void (no order id). */
    public static Trade trade(ClosingTrade trade, String assessmentId, String userId, Instant executedAt) {
        return Trade.newBuilder()
                .setTradeId(trade.tradeId())
                .setOrderId(null)
                .setAssessmentId(assessmentId)
                .setUserId(userId)
                .setMarket(trade.market())
                .setAssetClass(assetClass(trade.assetClass()))
                .setSide(side(trade.side()))
                .setQuantity(Decimals.wire(trade.quantity()))
                .setPrice(Decimals.wire(trade.price()))
                .setFee(Decimals.wire(trade.fee()))
                .setRealizedPnl(Decimals.wire(trade.realizedPnl()))
                .setKind(tradeKind(trade.kind()))
                .setExecutedAt(executedAt)
                .build();
    }

    /** An assessment event about the account as it is now. */
    public static AssessmentEvent event(String eventId, Account account, AssessmentEventType type, String reason,
                                        String detail, BigDecimal equity, Instant at) {
        return AssessmentEvent.newBuilder()
                .setEventId(eventId)
                .setAssessmentId(account.assessmentId())
                .setType(type)
                .setStatus(io.tradingengine.avro.AssessmentStatus.valueOf(account.status().name()))
                .setReason(reason)
                .setDetail(detail)
                .setEquity(Decimals.wire(equity))
                .setTimestamp(at)
                .build();
    }

    public static io.tradingengine.avro.TradeKind tradeKind(TradeKind kind) {
        return io.tradingengine.avro.TradeKind.valueOf(kind.name());
    }

    public static PositionState positionState(Position position) {
        return new PositionState(Money.of(position.getQuantity()), Money.of(position.getAverageEntryPrice()),
                Money.of(position.getRealizedPnl()), Money.of(position.getFees()));
    }

    /** The Avro position of a domain position, all decimals at the wire scale. */
    public static Position position(String assessmentId, String market, AssetClass assetClass, PositionState state,
                                    BigDecimal markPrice, Instant updatedAt) {
        return Position.newBuilder()
                .setAssessmentId(assessmentId)
                .setMarket(market)
                .setAssetClass(assetClass(assetClass))
                .setQuantity(Decimals.wire(state.quantity()))
                .setAverageEntryPrice(Decimals.wire(state.averageEntryPrice()))
                .setRealizedPnl(Decimals.wire(state.realizedPnl()))
                .setFees(Decimals.wire(state.fees()))
                .setUpdatedAt(updatedAt)
                .setMarkPrice(Decimals.wire(markPrice))
                .build();
    }

    public static Account account(AssessmentState state) {
        return new Account(state.getAssessmentId(), state.getUserId(),
                AssessmentStatus.valueOf(state.getStatus().name()), Money.of(state.getStartingBalance()),
                Money.of(state.getBalance()), Money.of(state.getPeakEquity()), Money.of(state.getDayStartEquity()),
                state.getReason(), rules(state.getRules()),
                state.getCreatedAt(), state.getUpdatedAt());
    }

    public static AssessmentState state(Account account) {
        return AssessmentState.newBuilder()
                .setAssessmentId(account.assessmentId())
                .setUserId(account.userId())
                .setStatus(io.tradingengine.avro.AssessmentStatus.valueOf(account.status().name()))
                .setStartingBalance(Decimals.wire(account.startingBalance()))
                .setBalance(Decimals.wire(account.balance()))
                .setPeakEquity(Decimals.wire(account.peakEquity()))
                .setDayStartEquity(Decimals.wire(account.dayStartEquity()))
                .setReason(account.reason())
                .setRules(rules(account.rules()))
                .setCreatedAt(account.createdAt())
                .setUpdatedAt(account.updatedAt())
                .build();
    }

    /**
     * The domain rules of an Avro rules record.
     *
     * @throws java.time.DateTimeException when the reset time is not HH:mm or the zone is unknown
     * @throws IllegalArgumentException when a limit is negative
     */
    public static Rules rules(io.tradingengine.avro.Rules rules) {
        return new Rules(Money.of(rules.getMaxDrawdownPercent()),
                rules.getDrawdownMode() == null ? null : DrawdownMode.valueOf(rules.getDrawdownMode().name()),
                Money.of(rules.getDailyLossPercent()), Money.of(rules.getProfitTargetPercent()),
                Money.of(rules.getMaxOrderNotionalPercent()), Money.of(rules.getMaxPositionNotionalPercent()),
                Money.of(rules.getMaxLeverage()),
                rules.getDailyResetTime() == null ? null : LocalTime.parse(rules.getDailyResetTime()),
                rules.getDailyResetZone() == null ? null : ZoneId.of(rules.getDailyResetZone()));
    }

    public static io.tradingengine.avro.Rules rules(Rules rules) {
        return io.tradingengine.avro.Rules.newBuilder()
                .setMaxDrawdownPercent(Decimals.wire(rules.maxDrawdownPercent()))
                .setDrawdownMode(io.tradingengine.avro.DrawdownMode.valueOf(rules.drawdownMode().name()))
                .setDailyLossPercent(Decimals.wire(rules.dailyLossPercent()))
                .setProfitTargetPercent(Decimals.wire(rules.profitTargetPercent()))
                .setMaxOrderNotionalPercent(Decimals.wire(rules.maxOrderNotionalPercent()))
                .setMaxPositionNotionalPercent(Decimals.wire(rules.maxPositionNotionalPercent()))
                .setMaxLeverage(Decimals.wire(rules.maxLeverage()))
                .setDailyResetTime(rules.dailyResetTime().toString())
                .setDailyResetZone(rules.dailyResetZone().getId())
                .build();
    }

    public static Side side(io.tradingengine.avro.Side side) {
        return Side.valueOf(side.name());
    }

    public static io.tradingengine.avro.Side side(Side side) {
        return io.tradingengine.avro.Side.valueOf(side.name());
    }

    public static AssetClass assetClass(io.tradingengine.avro.AssetClass assetClass) {
        return AssetClass.valueOf(assetClass.name());
    }

    public static io.tradingengine.avro.AssetClass assetClass(AssetClass assetClass) {
        return io.tradingengine.avro.AssetClass.valueOf(assetClass.name());
    }
}
