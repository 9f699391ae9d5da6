package io.tradingengine.topology;

import io.tradingengine.avro.Assessment;
import io.tradingengine.avro.internal.AssessmentState;
import io.tradingengine.domain.Account;
import io.tradingengine.domain.Money;
import io.tradingengine.domain.Rules;
import java.time.DateTimeException;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the assessments store from the {@code assessments} topic. The first record of an id opens the account
 * (balance, peak and day-start equity = starting balance, ACTIVE); a later record of the same id changes the rules
 * only: owner, starting balance, balance and status are facts of the running assessment and are kept. A record
 * that cannot describe an assessment (blank ids, a '/' in the id, a key that is not the id, a non-positive
 * starting balance, a malformed reset time or zone) is logged and skipped.
 */
final class AssessmentProcessor implements Processor<String, Assessment, Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(AssessmentProcessor.class);

    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, AssessmentState> assessments;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.assessments = context.getStateStore(StoreNames.ASSESSMENTS);
    }

    @Override
    public void process(Record<String, Assessment> record) {
        Assessment assessment = record.value();
        if (assessment == null) {
            return;
        }
        String problem = problemOf(record.key(), assessment);
        Rules rules = null;
        if (problem == null) {
            try {
                rules = AvroMapping.rules(assessment.getRules());
            } catch (DateTimeException | IllegalArgumentException e) {
                problem = "bad rules: " + e.getMessage();
            }
        }
        if (problem != null) {
            // Assessments are rare admin events, so a warning per bad record is affordable.
            LOG.warn("Skipping assessment record with key {}: {}", record.key(), problem);
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        AssessmentState existing = assessments.get(assessment.getAssessmentId());
        Account account;
        if (existing == null) {
            Instant createdAt = assessment.getCreatedAt() == null ? now : assessment.getCreatedAt();
            account = Account.open(assessment.getAssessmentId(), assessment.getUserId(),
                    assessment.getStartingBalance(), rules, createdAt);
        } else {
            account = AvroMapping.account(existing).withRules(rules, now);
        }
        assessments.put(account.assessmentId(), AvroMapping.state(account));
    }

    private static String problemOf(String key, Assessment assessment) {
        String id = assessment.getAssessmentId();
        if (id == null || id.isBlank()) {
            return "assessmentId is missing";
        }
        if (id.indexOf('/') >= 0) {
            return "assessmentId must not contain '/'";
        }
        if (!id.equals(key)) {
            return "record key does not match assessmentId " + id;
        }
        if (assessment.getUserId() == null || assessment.getUserId().isBlank()) {
            return "userId is missing";
        }
        if (!Money.isPositive(assessment.getStartingBalance())) {
            return "startingBalance must be > 0";
        }
        if (assessment.getRules() == null) {
            return "rules are missing";
        }
        return null;
    }
}
