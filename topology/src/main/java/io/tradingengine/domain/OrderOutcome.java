package io.tradingengine.domain;

import java.util.Objects;

/**
 * What placing an order did ({@link OrderDesk#place}).
 *
 * @param decision the order's fill or rejection
 * @param evaluation the rules checked alongside: before the order when they rejected it (a breach found at order
 *     time, or a target reached), after the fill otherwise; null when the order never got that far
 */
public record OrderOutcome(OrderDecision decision, Evaluation evaluation) {

    public OrderOutcome {
        Objects.requireNonNull(decision, "decision");
    }

    /** True when the evaluation ended the assessment (FAILED or PASSED), which the caller must record. */
    public boolean endsAssessment() {
        return evaluation != null && evaluation.hasVerdict();
    }
}
