package io.tradingengine.app.load;

import java.io.PrintStream;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** What a load run measured: counts by outcome, achieved throughput and the latency histogram (microseconds). */
public record LoadReport(int targetRate, double seconds, long sent, long filled, long rejected, long pending,
                         long failed, long timedOut, Histogram latencyMicros) {

    public long completed() {
        return filled + rejected;
    }

    public double throughput() {
        return completed() / seconds;
    }

    public void print(PrintStream out) {
        out.printf(Locale.ROOT, "sent %d orders in %.1f s (target %d/s): %d filled, %d rejected, %d pending (202), "
                + "%d errors, %d without result%n", sent, seconds, targetRate, filled, rejected, pending, failed,
                timedOut);
        out.printf(Locale.ROOT, "throughput: %.1f results/s%n", throughput());
        out.printf(Locale.ROOT, "order-to-result latency (ms): p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f"
                + "  (n=%d)%n", ms(50), ms(90), ms(99), ms(99.9), latencyMicros.getMaxValue() / 1000.0,
                latencyMicros.getTotalCount());
    }

    private double ms(double percentile) {
        return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }
}
