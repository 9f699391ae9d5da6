package io.tradingengine.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The rules checked against an account's equity ({@link RiskEngine#evaluate}).
 *
 * @param account the account afterwards: unchanged, PASSED, or FAILED with the liquidations in its balance
 * @param equity balance plus unrealized P&L at the marks the rules were checked against
 * @param verdict the rule that ended the assessment, or null when it goes on
 * @param liquidations the positions closed on a breach (empty otherwise), in the order they were given
 */
public record Evaluation(Account account, BigDecimal equity, RuleVerdict verdict, List<ClosingTrade> liquidations) {

    public Evaluation {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(equity, "equity");
        liquidations = List.copyOf(liquidations);
    }

    /** True when a rule ended the assessment (FAILED or PASSED). */
    public boolean hasVerdict() {
        return verdict != null;
    }

    /** True when a rule was breached (FAILED). */
    public boolean isBreach() {
        return verdict != null && verdict.isBreach();
    }
}
