package io.tradingengine.app.replay;

import io.tradingengine.avro.OrderResult;
import io.tradingengine.avro.OrderStatus;
import io.tradingengine.avro.Trade;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a replay produced: how many orders filled, rejects by reason, and per assessment the fills, rejects,
 * realized P&L, fees and net P&L (realized minus fees) of the shadow's trades (fills, liquidations, settlements
 * and voids alike).
 *
 * @param name          the replay's name
 * @param recordsFed    source records copied into the shadow (the price seed included)
 * @param epochs        lock-step epochs (1 without lock-step)
 * @param results       order results the shadow produced
 * @param fills         of which FILLED
 * @param rejects       REJECTED, by reason
 * @param byAssessment  per assessment id
 * @param trades        trades the shadow produced
 * @param elapsed       how long the replay took
 */
public record ReplaySummary(String name, long recordsFed, long epochs, long results, long fills,
                            Map<String, Long> rejects, Map<String, AssessmentPnl> byAssessment, long trades,
                            Duration elapsed) {

    public ReplaySummary {
        rejects = Map.copyOf(rejects);
        byAssessment = Map.copyOf(byAssessment);
    }

    /** One assessment's outcome in the shadow. */
    public record AssessmentPnl(long fills, long rejects, long trades, BigDecimal realizedPnl, BigDecimal fees) {

        public BigDecimal net() {
            return realizedPnl.subtract(fees);
        }
    }

    /** Builds the summary from the shadow's outputs. */
    static final class Builder {

        private final Map<String, Long> rejects = new TreeMap<>();
        private final Map<String, long[]> counts = new TreeMap<>();
        private final Map<String, BigDecimal[]> money = new TreeMap<>();
        private long results;
        private long fills;
        private long trades;

        void add(OrderResult result) {
            results++;
            long[] count = counts.computeIfAbsent(result.getAssessmentId(), id -> new long[3]);
            if (result.getStatus() == OrderStatus.FILLED) {
                fills++;
                count[0]++;
            } else {
                rejects.merge(result.getReason() == null ? "UNKNOWN" : result.getReason(), 1L, Long::sum);
                count[1]++;
            }
        }

        void add(Trade trade) {
            trades++;
            counts.computeIfAbsent(trade.getAssessmentId(), id -> new long[3])[2]++;
            BigDecimal[] sums = money.computeIfAbsent(trade.getAssessmentId(),
                    id -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            sums[0] = sums[0].add(trade.getRealizedPnl());
            sums[1] = sums[1].add(trade.getFee());
        }

        ReplaySummary build(String name, long recordsFed, long epochs, Duration elapsed) {
            Map<String, AssessmentPnl> byAssessment = new TreeMap<>();
            counts.forEach((id, count) -> {
                BigDecimal[] sums = money.getOrDefault(id, new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                byAssessment.put(id, new AssessmentPnl(count[0], count[1], count[2], sums[0], sums[1]));
            });
            return new ReplaySummary(name, recordsFed, epochs, results, fills, rejects, byAssessment, trades,
                    elapsed);
        }
    }

    /** The summary as the command prints it. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "replay %s: %d records fed in %d epoch(s), %.1f s%n", name,
                recordsFed, epochs, elapsed.toMillis() / 1000.0));
        out.append(String.format(Locale.ROOT, "orders: %d results, %d filled, %d rejected; %d trades%n", results,
                fills, results - fills, trades));
        new TreeMap<>(rejects).forEach((reason, count) -> out.append(String.format(Locale.ROOT,
                "  rejected %-28s %d%n", reason, count)));
        out.append(String.format(Locale.ROOT, "%-24s %6s %7s %6s %20s %16s %20s%n", "assessment", "fills",
                "rejects", "trades", "realized P&L", "fees", "net P&L"));
        new TreeMap<>(byAssessment).forEach((id, pnl) -> out.append(String.format(Locale.ROOT,
                "%-24s %6d %7d %6d %20s %16s %20s%n", id, pnl.fills(), pnl.rejects(), pnl.trades(),
                money(pnl.realizedPnl()), money(pnl.fees()), money(pnl.net()))));
        out.append(String.format(Locale.ROOT, "outputs: topics replay.%s.* (order-results, trades, positions, "
                + "assessment-events)%n", name));
        return out.toString();
    }

    private static String money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
