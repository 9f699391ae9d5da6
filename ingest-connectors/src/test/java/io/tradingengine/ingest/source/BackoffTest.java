package io.tradingengine.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void shouldDoubleEachAttemptWithinHalfAndOneAndAHalfTimesTheNominalDelay() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(60));

        for (int attempt = 1; attempt <= 6; attempt++) {
            long nominal = 100L << (attempt - 1);
            assertThat(backoff.next().toMillis()).isBetween(nominal / 2, nominal * 3 / 2);
        }
        assertThat(backoff.attempts()).isEqualTo(6);
    }

    @Test
    void shouldNeverExceedTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

        for (int attempt = 0; attempt < 100; attempt++) {
            assertThat(backoff.next()).isLessThanOrEqualTo(Duration.ofSeconds(1));
        }
    }

    @Test
    void shouldJitterSoClientsDoNotReconnectInStep() {
        Set<Long> delays = new HashSet<>();
        for (int client = 0; client < 20; client++) {
            delays.add(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60)).next().toMillis());
        }

        assertThat(delays).hasSizeGreaterThan(5);
    }

    @Test
    void shouldStartOverAfterAReset() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(60));
        for (int attempt = 0; attempt < 8; attempt++) {
            backoff.next();
        }

        backoff.reset();

        assertThat(backoff.next().toMillis()).isBetween(50L, 150L);
    }

    @Test
    void shouldRefuseAMaximumBelowTheMinimum() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
