package io.tradingengine.topology;

import io.tradingengine.avro.Position;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.domain.Account;
import io.tradingengine.domain.Evaluation;
import io.tradingengine.domain.RiskEngine;
import java.time.Instant;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Marks one assessment to one price tick: the tick-fanout record (key assessment id, value the tick of a market it
 * holds) arrives here, in the task that owns the assessment. The rules are checked at the tick's mark for its
 * market and the latest marks for the others ({@link RiskEngine#evaluate}); a breach fails the assessment and
 * liquidates it then and there, without any order. Nothing is written when the rules hold, so a tick costs one
 * position read, one account read and one prefix scan of the holder's positions.
 *
 * <p>A tick for a position that is flat by now (the holders index learns of closes asynchronously) or for an
 * assessment that is no longer ACTIVE is ignored.
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
        String assessmentId = record.key();
        Position held = ledger.position(assessmentId, tick.getMarket());
        if (held == null || held.getQuantity().signum() == 0) {
            return;
        }
        Account account = ledger.account(assessmentId);
        if (account == null || !account.isActive()) {
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        Evaluation evaluation = RiskEngine.evaluate(account,
                ledger.positions(assessmentId, tick.getMarket(), AvroMapping.mark(tick)), now);
        if (!evaluation.hasVerdict()) {
            return;
        }
        for (KeyValue<String, EngineOutput> output : ledger.record(evaluation, now)) {
            context.forward(record.withKey(output.key).withValue(output.value));
        }
    }
}
