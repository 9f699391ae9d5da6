package io.tradingengine.api.accounts;

import java.time.Instant;

/**
 * GET /assessments/{id} (DESIGN.md): the assessment's money figures as decimal strings. {@code dailyLoss} is how far
 * equity is below the equity at the last daily reset, {@code drawdown} how far it is below the drawdown reference
 * (the starting balance, or the peak equity when trailing); both 0 when equity is above.
 */
public record AssessmentResponse(String assessmentId, String userId, String status, String startingBalance,
                                 String balance, String equity, String peakEquity, String dailyLoss, String drawdown,
                                 String reason, RulesResponse rules, Instant createdAt, Instant updatedAt) {
}
