package io.tradingengine.domain;

import java.math.BigDecimal;
import java.util.Collection;

/**
 * Equity of an account: balance plus the unrealized P&L of its holdings at their marks. The one formula used by
 * the topology (buying power, rules) and by the REST layer (GET /positions, GET /assessments), so both always show
 * the same equity.
 *
 * @param balance starting balance + realized P&L − fees
 * @param unrealizedPnl sum of quantity × (mark − average entry) over the holdings
 * @param equity balance + unrealized P&L
 * @param grossNotional sum of |quantity| × mark over the holdings (exposure for leverage)
 */
public record Valuation(BigDecimal balance, BigDecimal unrealizedPnl, BigDecimal equity, BigDecimal grossNotional) {

    /** Values {@code holdings} against {@code balance}. */
    public static Valuation of(BigDecimal balance, Collection<Holding> holdings) {
        BigDecimal unrealized = Money.ZERO;
        BigDecimal gross = Money.ZERO;
        for (Holding holding : holdings) {
            unrealized = unrealized.add(Holding.unrealizedPnl(holding.quantity(), holding.averageEntryPrice(),
                    holding.markPrice()));
            gross = gross.add(Holding.notional(holding.quantity(), holding.averageEntryPrice(), holding.markPrice()));
        }
        BigDecimal canonicalBalance = Money.of(balance);
        return new Valuation(canonicalBalance, Money.of(unrealized), Money.of(canonicalBalance.add(unrealized)),
                Money.of(gross));
    }

    /**
     * The mark of a market: mid of bid and ask when both are present (and positive), else last, else null.
     * Arguments may be null.
     */
    public static BigDecimal mark(BigDecimal bid, BigDecimal ask, BigDecimal last) {
        return new Quote(bid, ask, last, null).mark();
    }
}
