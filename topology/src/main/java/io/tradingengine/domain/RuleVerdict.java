package io.tradingengine.domain;

import java.util.Objects;

/**
 * A rule that ended an assessment.
 *
 * @param rule the rule
 * @param status FAILED for a breach, PASSED for the profit target
 * @param detail the numbers, e.g. {@code "equity 89999.99 < drawdown floor 90000.00"}
 */
public record RuleVerdict(Rule rule, AssessmentStatus status, String detail) {

    public RuleVerdict {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    public boolean isBreach() {
        return status == AssessmentStatus.FAILED;
    }
}
