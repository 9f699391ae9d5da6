package io.tradingengine.topology;

import io.tradingengine.avro.AssessmentEventType;
import io.tradingengine.avro.Market;
import io.tradingengine.avro.MarketStatus;
import io.tradingengine.domain.Account;
import io.tradingengine.domain.ClosingTrade;
import io.tradingengine.domain.Evaluation;
import io.tradingengine.domain.MarketPosition;
import io.tradingengine.domain.Money;
import io.tradingengine.domain.RiskEngine;
import io.tradingengine.domain.Settlement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Settles the positions in a prediction market that ended: the market-fanout record (key market id, value the
 * RESOLVED or CANCELLED market record) reaches every assessment-desk task once; each task remembers the end in
 * {@link StoreNames#MARKET_ENDS} (so its order path refuses the market even while the global markets store still
 * says OPEN) and settles each of its assessments that holds the market (the local holders index). RESOLVED settles
 * at 1 (YES) or 0 (NO) as a SETTLEMENT trade, CANCELLED voids at average entry with the fees refunded as a VOID
 * trade ({@link Settlement}); the balance moves, the position goes flat, and an UPDATED event with reason
 * SETTLEMENT or VOID tells what happened. Settlement happens whatever the assessment's status (a PASSED assessment
 * keeps its positions); an ACTIVE one then has its rules checked, so a settlement can fail or pass it.
 */
final class SettlementProcessor implements Processor<String, Market, String, EngineOutput> {

    private ProcessorContext<String, EngineOutput> context;
    private AccountLedger ledger;
    private KeyValueStore<String, Market> marketEnds;

    @Override
    public void init(ProcessorContext<String, EngineOutput> context) {
        this.context = context;
        this.ledger = new AccountLedger(context);
        this.marketEnds = context.getStateStore(StoreNames.MARKET_ENDS);
    }

    @Override
    public void process(Record<String, Market> record) {
        Market market = record.value();
        if (market == null) {
            return;
        }
        if (!MarketRouter.isEnded(market)) {
            // The market desk reopened a market that had ended: orders on it are taken again.
            marketEnds.delete(market.getMarket());
            return;
        }
        marketEnds.put(market.getMarket(), market);
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        for (String assessmentId : ledger.holders(market.getMarket())) {
            for (KeyValue<String, EngineOutput> output : settle(assessmentId, market, now)) {
                context.forward(record.withKey(output.key).withValue(output.value));
            }
        }
    }

    private List<KeyValue<String, EngineOutput>> settle(String assessmentId, Market market, Instant now) {
        MarketPosition position = ledger.position(assessmentId, market.getMarket());
        Account account = ledger.account(assessmentId);
        if (position == null || !position.isOpen() || account == null) {
            return List.of();
        }
        Settlement settlement;
        if (market.getStatus() == MarketStatus.RESOLVED) {
            settlement = Settlement.resolve(account, position, "YES".equals(market.getOutcome()),
                    market.getUpdatedAt(), now);
        } else if (market.getStatus() == MarketStatus.CANCELLED) {
            settlement = Settlement.cancel(account, position, market.getUpdatedAt(), now);
        } else {
            return List.of();
        }
        Account settled = settlement.account();
        ledger.save(settled);
        ClosingTrade trade = settlement.trade();
        List<KeyValue<String, EngineOutput>> outputs = new ArrayList<>(ledger.closed(settled, trade, now));
        outputs.add(KeyValue.pair(assessmentId, EngineOutput.of(AvroMapping.event(assessmentId + ":"
                        + trade.kind().name() + ":" + trade.market() + "@" + market.getUpdatedAt().toEpochMilli(),
                settled, AssessmentEventType.UPDATED, trade.kind().name(), detail(market, trade), null, now))));
        if (settled.isActive()) {
            Evaluation evaluation = RiskEngine.evaluate(settled, ledger.positions(assessmentId, null, null), now);
            if (evaluation.hasVerdict()) {
                outputs.addAll(ledger.record(evaluation, now));
            }
        }
        return outputs;
    }

    private static String detail(Market market, ClosingTrade trade) {
        // The closing side is opposite to the position: a SHORT close ends a long of that quantity.
        String closed = "position " + Money.plain(trade.side().signed(trade.quantity()).negate()) + " at "
                + Money.plain(trade.price());
        if (market.getStatus() == MarketStatus.RESOLVED) {
            return trade.market() + " resolved " + market.getOutcome() + ": settled " + closed + ", realized "
                    + Money.amount(trade.realizedPnl());
        }
        return trade.market() + " cancelled: voided " + closed + ", fees refunded "
                + Money.amount(trade.fee().negate());
    }
}
