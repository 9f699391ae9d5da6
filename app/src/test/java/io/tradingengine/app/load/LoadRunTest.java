package io.tradingengine.app.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoadRunTest {

    /** Answers every third order REJECTED, every seventh with an error, the rest FILLED. */
    private static final class ScriptedClient implements OrderClient {
        private final AtomicInteger count = new AtomicInteger();
        private final AtomicInteger longs = new AtomicInteger();

        @Override
        public CompletableFuture<Outcome> submit(String assessmentId, String market, String side, BigDecimal qty) {
            int n = count.incrementAndGet();
            if (side.equals("long")) {
                longs.incrementAndGet();
            }
            if (n % 7 == 0) {
                return CompletableFuture.failedFuture(new IllegalStateException("boom"));
            }
            return CompletableFuture.completedFuture(n % 3 == 0 ? Outcome.REJECTED : Outcome.FILLED);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void shouldSendRateTimesDurationOrdersAndCountEachOutcome() throws Exception {
        ScriptedClient client = new ScriptedClient();
        LoadRun run = new LoadRun(client, List.of("a", "b"), "BTC/USD", new BigDecimal("0.001"));

        LoadReport report = run.run(200, Duration.ofSeconds(1));

        assertThat(report.sent()).isEqualTo(200);
        assertThat(report.filled() + report.rejected() + report.failed()).isEqualTo(200);
        assertThat(report.failed()).isEqualTo(200 / 7);
        assertThat(report.latencyMicros().getTotalCount()).isEqualTo(report.completed());
        assertThat(client.longs.get()).as("sides alternate so positions stay small").isEqualTo(100);
    }
}
