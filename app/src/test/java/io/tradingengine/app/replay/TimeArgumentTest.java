package io.tradingengine.app.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeArgumentTest {

    @Test
    void shouldReadInstantsOffsetsLocalTimesInUtcDatesEpochMillisAndEarliest() {
        assertThat(TimeArgument.parse("--t", "2025-03-01T12:00:00Z")).isEqualTo(Instant.parse("2025-03-01T12:00:00Z"));
        assertThat(TimeArgument.parse("--t", "2025-03-01T13:00:00+01:00"))
                .isEqualTo(Instant.parse("2025-03-01T12:00:00Z"));
        assertThat(TimeArgument.parse("--t", "2025-03-01T12:00")).isEqualTo(Instant.parse("2025-03-01T12:00:00Z"));
        assertThat(TimeArgument.parse("--t", "2025-03-01")).isEqualTo(Instant.parse("2025-03-01T00:00:00Z"));
        assertThat(TimeArgument.parse("--t", "1740830400000")).isEqualTo(Instant.parse("2025-03-01T12:00:00Z"));
        assertThat(TimeArgument.parse("--t", "earliest")).isEqualTo(Instant.EPOCH);
    }

    @Test
    void shouldNameTheOptionWhenTheValueIsNotATime() {
        assertThatThrownBy(() -> TimeArgument.parse("--from-timestamp", "yesterday"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--from-timestamp:");
    }
}
