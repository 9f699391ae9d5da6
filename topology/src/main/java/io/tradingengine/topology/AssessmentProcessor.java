package io.tradingengine.topology;

import io.tradingengine.avro.Assessment;
import io.tradingengine.avro.AssessmentEventType;
import io.tradingengine.domain.Account;
import io.tradingengine.domain.DailyReset;
import io.tradingengine.domain.Evaluation;
import io.tradingengine.domain.Money;
import io.tradingengine.domain.RiskEngine;
import io.tradingengine.domain.Rules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Creates and updates assessments from the {@code assessments} topic, and runs their daily resets.
 *
 * <p>The first record of an id opens the account (balance, peak and day-start equity = starting balance, ACTIVE),
 * schedules its first daily reset and emits CREATED; a later record of the same id changes the rules only (owner,
 * starting balance, balance and status are facts of the running assessment and are kept), reschedules the reset
 * and emits UPDATED. A record that cannot describe an assessment ({@link RecordChecks#assessment}) goes to
 * {@code assessments-dlq} with the error in headers.
 *
 * <p>Daily resets run on wall-clock punctuation every {@link #RESET_CHECK_INTERVAL}: each reset that is due
 * ({@link DailyResetSchedule}) first checks the rules at the current marks (a breach or pass ends the assessment
 * instead), then sets the day-start equity to the equity now and raises the trailing-drawdown peak to it when
 * higher ({@link DailyReset#reset}), emits DAILY_RESET and schedules the next reset. Resets are at most one interval
 * late; after downtime, the missed days collapse into one reset.
 */
final class AssessmentProcessor implements Processor<String, Assessment, String, EngineOutput> {

    static final Duration RESET_CHECK_INTERVAL = Duration.ofSeconds(1);
    /** Resets per punctuation at most; the rest follow one interval later. */
    static final int RESET_BATCH = 1_000;

    private ProcessorContext<String, EngineOutput> context;
    private AccountLedger ledger;
    private DailyResetSchedule schedule;

    @Override
    public void init(ProcessorContext<String, EngineOutput> context) {
        this.context = context;
        this.ledger = new AccountLedger(context);
        this.schedule = new DailyResetSchedule(context.getStateStore(StoreNames.DAILY_RESETS));
        context.schedule(RESET_CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::resetDue);
    }

    @Override
    public void process(Record<String, Assessment> record) {
        Assessment assessment = record.value();
        if (assessment == null) {
            return;
        }
        RecordMetadata source = context.recordMetadata().orElse(null);
        String problem = RecordChecks.assessment(record.key(), assessment);
        if (problem != null) {
            context.forward(record.withValue(EngineOutput.deadLetter(assessment)).withHeaders(DeadLetters.headers(
                    record.headers(), DeadLetters.VALIDATION_FAILURE, problem, null,
                    source == null ? null : source.topic(), source == null ? -1 : source.partition(),
                    source == null ? -1 : source.offset())));
            return;
        }
        Rules rules = AvroMapping.rules(assessment.getRules());
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        String id = assessment.getAssessmentId();
        Account existing = ledger.account(id);
        Account account;
        AssessmentEventType type;
        String eventId;
        if (existing == null) {
            Instant createdAt = assessment.getCreatedAt() == null ? now : assessment.getCreatedAt();
            account = Account.open(id, assessment.getUserId(), assessment.getStartingBalance(), rules, createdAt);
            type = AssessmentEventType.CREATED;
            eventId = id + ":CREATED";
        } else {
            account = existing.withRules(rules, now);
            type = AssessmentEventType.UPDATED;
            // The input record's position is the cause: reprocessing it yields the same event id.
            eventId = id + ":UPDATED:" + (source == null ? now.toEpochMilli()
                    : source.topic() + "-" + source.partition() + "@" + source.offset());
        }
        ledger.save(account);
        if (account.isActive()) {
            schedule.schedule(id, DailyReset.next(rules, now));
        }
        context.forward(record.withValue(EngineOutput.of(AvroMapping.event(eventId, account, type, null,
                "rules " + (existing == null ? "set" : "changed"), account.balance(), now))));
    }

    private void resetDue(long nowMillis) {
        Instant now = Instant.ofEpochMilli(nowMillis);
        for (DailyResetSchedule.Due due : schedule.due(now, RESET_BATCH)) {
            schedule.remove(due.assessmentId());
            Account account = ledger.account(due.assessmentId());
            if (account == null || !account.isActive()) {
                continue;
            }
            for (KeyValue<String, EngineOutput> output : reset(account, due.at(), now)) {
                context.forward(new Record<>(output.key, output.value, nowMillis, new RecordHeaders()));
            }
        }
    }

    private List<KeyValue<String, EngineOutput>> reset(Account account, Instant resetAt, Instant now) {
        String id = account.assessmentId();
        Evaluation evaluation = RiskEngine.evaluate(account, ledger.positions(id, null, null), now);
        if (evaluation.hasVerdict()) {
            return ledger.record(evaluation, now);
        }
        Account reset = DailyReset.reset(account, evaluation.equity(), now);
        ledger.save(reset);
        schedule.schedule(id, DailyReset.next(reset.rules(), now));
        List<KeyValue<String, EngineOutput>> outputs = new ArrayList<>();
        outputs.add(KeyValue.pair(id, EngineOutput.of(AvroMapping.event(id + ":DAILY_RESET:" + resetAt, reset,
                AssessmentEventType.DAILY_RESET, null, "day start equity " + Money.amount(reset.dayStartEquity())
                        + ", peak equity " + Money.amount(reset.peakEquity()), reset.dayStartEquity(), now))));
        return outputs;
    }
}
