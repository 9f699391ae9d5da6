package io.tradingengine.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * The money side of an assessment: owner, status, balance and the equity marks the rules are measured from.
 * Balance is the starting balance plus realized P&L minus fees; equity (balance plus unrealized P&L) is computed
 * by {@link Valuation}, never stored, because it moves with every price.
 *
 * @param assessmentId id of the assessment
 * @param userId owner
 * @param status ACTIVE, PASSED or FAILED
 * @param startingBalance balance at creation
 * @param balance starting balance + realized P&L - fees
 * @param peakEquity highest end-of-day equity (trailing drawdown floor reference)
 * @param dayStartEquity equity at the last daily reset (daily loss reference)
 * @param reason why the status is not ACTIVE (a reject code or rule), else null
 * @param rules the rules in force
 * @param createdAt creation time
 * @param updatedAt time of the last change
 */
public record Account(String assessmentId, String userId, AssessmentStatus status, BigDecimal startingBalance,
                      BigDecimal balance, BigDecimal peakEquity, BigDecimal dayStartEquity, String reason,
                      Rules rules, Instant createdAt, Instant updatedAt) {

    /** The amounts are kept in {@link Money}'s canonical form, whoever builds the account. */
    public Account {
        Objects.requireNonNull(assessmentId, "assessmentId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(status, "status");
        startingBalance = Money.of(Objects.requireNonNull(startingBalance, "startingBalance"));
        balance = Money.of(Objects.requireNonNull(balance, "balance"));
        peakEquity = Money.of(Objects.requireNonNull(peakEquity, "peakEquity"));
        dayStartEquity = Money.of(Objects.requireNonNull(dayStartEquity, "dayStartEquity"));
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /**
     * A new ACTIVE assessment: balance, peak equity and day-start equity all equal the starting balance.
     *
     * @throws IllegalArgumentException when the starting balance is not positive
     */
    public static Account open(String assessmentId, String userId, BigDecimal startingBalance, Rules rules,
                               Instant at) {
        if (!Money.isPositive(startingBalance)) {
            throw new IllegalArgumentException("startingBalance must be > 0, was " + startingBalance);
        }
        BigDecimal start = Money.of(startingBalance);
        return new Account(assessmentId, userId, AssessmentStatus.ACTIVE, start, start, start, start, null, rules,
                at, at);
    }

    /** The same account under new rules; owner, balance, status and marks are kept. */
    public Account withRules(Rules newRules, Instant at) {
        return new Account(assessmentId, userId, status, startingBalance, balance, peakEquity, dayStartEquity, reason,
                newRules, createdAt, at);
    }

    /** The same account with a new balance. */
    public Account withBalance(BigDecimal newBalance, Instant at) {
        return new Account(assessmentId, userId, status, startingBalance, newBalance, peakEquity, dayStartEquity,
                reason, rules, createdAt, at);
    }

    /** The same account with a new status and reason (null reason for ACTIVE). */
    public Account withStatus(AssessmentStatus newStatus, String newReason, Instant at) {
        return new Account(assessmentId, userId, newStatus, startingBalance, balance, peakEquity, dayStartEquity,
                newReason, rules, createdAt, at);
    }

    /** The same account with new equity marks (daily reset). */
    public Account withEquityMarks(BigDecimal newPeakEquity, BigDecimal newDayStartEquity, Instant at) {
        return new Account(assessmentId, userId, status, startingBalance, balance, newPeakEquity, newDayStartEquity,
                reason, rules, createdAt, at);
    }

    public boolean isActive() {
        return status == AssessmentStatus.ACTIVE;
    }
}
