package io.tradingengine.topology;

import io.tradingengine.avro.PriceTick;
import io.tradingengine.domain.Account;
import io.tradingengine.domain.Evaluation;
import io.tradingengine.domain.RiskEngine;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Marks the holders of a market to one price tick. The tick-fanout record (key market id, value the tick) reaches
 * every assessment-desk task once; each task looks up which of its own assessments hold the market in the local
 * holders index ({@link AccountLedger#holders}) and checks the rules of each at the tick's mark for its market and
 * the latest marks for the others ({@link RiskEngine#evaluate}). A breach fails the assessment and liquidates it
 * then and there, without any order. Nothing is written when the rules hold; the accounts, positions and holders
 * come from the task's {@link LedgerCache}, so a holder costs an in-memory valuation (plus a global-store read per
 * other market it holds), and a task without holders of the market a map lookup.
 *
 * <p>An assessment that is no longer ACTIVE is skipped (it holds nothing after a breach; a PASSED one may keep
 * positions, which are no longer checked).
 */
final class MarkToMarketProcessor implements Processor<String, PriceTick, String, EngineOutput> {

    private ProcessorContext<String, EngineOutput> context;
    private AccountLedger ledger;

    @Override
    public void init(ProcessorContext<String, EngineOutput> context) {
        this.context = context;
        this.ledger = new AccountLedger(context);
    }

    @Override
    public void process(Record<String, PriceTick> record) {
        PriceTick tick = record.value();
        if (tick == null) {
            return;
        }
        BigDecimal mark = AvroMapping.mark(tick);
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        // The holders' other markets are valued at one read of each price for the whole tick.
        Map<String, BigDecimal> latestMarks = new HashMap<>();
        for (String assessmentId : ledger.holders(tick.getMarket())) {
            Account account = ledger.account(assessmentId);
            if (account == null || !account.isActive()) {
                continue;
            }
            Evaluation evaluation = RiskEngine.evaluate(account,
                    ledger.positions(assessmentId, tick.getMarket(), mark, latestMarks), now);
            if (evaluation.hasVerdict()) {
                for (KeyValue<String, EngineOutput> output : ledger.record(evaluation, now)) {
                    context.forward(record.withKey(output.key).withValue(output.value));
                }
            }
        }
    }
}
