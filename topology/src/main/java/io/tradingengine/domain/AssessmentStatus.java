package io.tradingengine.domain;

/** Status of an assessment: ACTIVE until a rule is breached (FAILED) or the profit target is reached (PASSED). */
public enum AssessmentStatus {
    ACTIVE,
    PASSED,
    FAILED
}
