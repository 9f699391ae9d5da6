package io.tradingengine.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The domain driven the way the topology drives it, without Kafka: orders through {@link OrderDesk}, ticks marking
 * the held markets through {@link RiskEngine}, every trade recorded. For property tests and the benchmark.
 */
final class DomainLedger {

    /** A trade as the engine emitted it. */
    record TradeRecord(String market, TradeKind kind, Side side, BigDecimal quantity, BigDecimal price,
                       BigDecimal fee, BigDecimal realizedPnl, BigDecimal reference, AssetClass assetClass,
                       boolean afterFailure) {
    }

    private final OrderDesk desk;
    private final Map<String, MarketInfo> markets;
    private final Map<String, Quote> quotes = new HashMap<>();
    private final TreeMap<String, MarketPosition> positions = new TreeMap<>();
    private final List<TradeRecord> trades = new ArrayList<>();
    private Account account;
    private int orders;

    DomainLedger(OrderDesk desk, Map<String, MarketInfo> markets, Account account) {
        this.desk = desk;
        this.markets = markets;
        this.account = account;
    }

    /** Places an order; returns the decision. */
    OrderDecision order(String market, Side side, BigDecimal quantity, Instant now) {
        boolean failedBefore = account.status() == AssessmentStatus.FAILED;
        OrderRequest request = new OrderRequest("o" + orders++, account.assessmentId(), account.userId(), market,
                side, quantity, now);
        Quote quote = quotes.get(market);
        OrderOutcome outcome = desk.place(request, markets.get(market), quote, account, marked(), now);
        if (outcome.decision() instanceof Fill fill) {
            MarketInfo info = markets.get(market);
            trades.add(new TradeRecord(market, TradeKind.FILL, fill.side(), fill.quantity(), fill.price(), fill.fee(),
                    fill.realizedPnl(), quote.reference(side), info.assetClass(), failedBefore));
            positions.put(market, new MarketPosition(market, info.assetClass(), fill.position(), fill.markPrice()));
            account = fill.account();
        }
        if (outcome.evaluation() != null) {
            apply(outcome.evaluation(), failedBefore);
        }
        return outcome.decision();
    }

    /** A new price for a market; the held market's assessment is marked to it. */
    void tick(String market, Quote quote, Instant now) {
        quotes.put(market, quote);
        MarketPosition held = positions.get(market);
        if (held == null || !held.isOpen() || !account.isActive()) {
            return;
        }
        apply(RiskEngine.evaluate(account, marked(), now), false);
    }

    Account account() {
        return account;
    }

    List<TradeRecord> trades() {
        return trades;
    }

    /** Positions valued at the latest quotes. */
    List<MarketPosition> marked() {
        List<MarketPosition> marked = new ArrayList<>(positions.size());
        for (MarketPosition position : positions.values()) {
            Quote quote = quotes.get(position.market());
            marked.add(new MarketPosition(position.market(), position.assetClass(), position.state(),
                    quote == null ? null : quote.mark()));
        }
        return marked;
    }

    Map<String, PositionState> positionStates() {
        Map<String, PositionState> states = new TreeMap<>();
        positions.forEach((market, position) -> states.put(market, position.state()));
        return states;
    }

    private void apply(Evaluation evaluation, boolean failedBefore) {
        for (ClosingTrade trade : evaluation.liquidations()) {
            trades.add(new TradeRecord(trade.market(), trade.kind(), trade.side(), trade.quantity(), trade.price(),
                    trade.fee(), trade.realizedPnl(), null, trade.assetClass(), failedBefore));
            positions.put(trade.market(), positions.get(trade.market()).withState(trade.position()));
        }
        account = evaluation.account();
    }
}
