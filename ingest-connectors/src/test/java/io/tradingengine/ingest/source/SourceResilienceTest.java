package io.tradingengine.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingengine.ingest.IngestSettings;
import io.tradingengine.ingest.support.TestSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SourceResilienceTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SourceMonitor monitor = new SourceMonitor("test", meters, Clock.systemUTC(), Duration.ofMinutes(1));
    private final IngestSettings.Resilience settings = IngestSettings.fromEnvironment(TestSettings.fast())
            .resilience();

    @Test
    void shouldRetryATransientFailureWithinOneCall() {
        SourceResilience guard = new SourceResilience("test", settings, 60_000, monitor);
        AtomicInteger attempts = new AtomicInteger();

        SourceResilience.Outcome<String> outcome = guard.call(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new SourceException(ErrorKind.SERVER_ERROR, "502");
            }
            return "ok";
        });

        assertThat(outcome.done()).isTrue();
        assertThat(outcome.value()).isEqualTo("ok");
        assertThat(attempts).hasValue(2);
        assertThat(monitor.errors(ErrorKind.SERVER_ERROR)).isEqualTo(1);
    }

    @Test
    void shouldNotRetryARateLimitOrAClientError() {
        SourceResilience guard = new SourceResilience("test", settings, 60_000, monitor);
        AtomicInteger attempts = new AtomicInteger();

        SourceResilience.Outcome<String> outcome = guard.call(() -> {
            attempts.incrementAndGet();
            throw new SourceException(ErrorKind.RATE_LIMITED, "429");
        });

        assertThat(outcome.status()).isEqualTo(SourceResilience.Status.FAILED);
        assertThat(outcome.failure().kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void shouldOpenTheBreakerAfterTheWindowFailsAndStopCalling() {
        SourceResilience guard = new SourceResilience("test", settings, 60_000, monitor);
        AtomicInteger attempts = new AtomicInteger();

        for (int i = 0; i < 2; i++) {
            guard.call(() -> {
                attempts.incrementAndGet();
                throw new SourceException(ErrorKind.CLIENT_ERROR, "401");
            });
        }
        SourceResilience.Outcome<String> refused = guard.call(() -> "never");

        assertThat(guard.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(refused.status()).isEqualTo(SourceResilience.Status.BREAKER_OPEN);
        assertThat(attempts).hasValue(2);
        assertThat(meters.get("ingest.source.breaker.state").tag("breaker", "test").gauge().value()).isEqualTo(1.0);
    }

    @Test
    void shouldThrottleCallsBeyondTheRateLimit() {
        IngestSettings.Resilience slow = IngestSettings.fromEnvironment(Map.of()).resilience();
        SourceResilience guard = new SourceResilience("test", slow, 1, monitor);

        SourceResilience.Outcome<String> first = guard.call(() -> "first");
        SourceResilience.Outcome<String> second = guard.call(() -> "second");

        assertThat(first.done()).isTrue();
        assertThat(second.status()).isEqualTo(SourceResilience.Status.THROTTLED);
        assertThat(guard.breaker().getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
    }

    @Test
    void shouldCountAParserFailureAsMalformed() {
        SourceResilience guard = new SourceResilience("test", settings, 60_000, monitor);

        SourceResilience.Outcome<String> outcome = guard.call(() -> {
            throw new IllegalStateException("unexpected shape");
        });

        assertThat(outcome.failure().kind()).isEqualTo(ErrorKind.MALFORMED);
        assertThat(monitor.errors(ErrorKind.MALFORMED)).isEqualTo(1);
    }
}
