package io.tradingengine.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DailyResetTest {

    private static final Rules MIDNIGHT_UTC = Rules.none();
    private static final Rules FIVE_PM_NEW_YORK = new Rules(null, null, null, null, null, null, null,
            LocalTime.of(17, 0), ZoneId.of("America/New_York"));

    @Test
    void shouldResetAtMidnightUtcByDefault() {
        Instant noon = Instant.parse("2025-03-03T12:00:00Z");

        assertThat(DailyReset.periodStart(MIDNIGHT_UTC, noon)).isEqualTo(Instant.parse("2025-03-03T00:00:00Z"));
        assertThat(DailyReset.next(MIDNIGHT_UTC, noon)).isEqualTo(Instant.parse("2025-03-04T00:00:00Z"));
    }

    @Test
    void shouldResetAtTheAssessmentsLocalTimeAndZone() {
        Instant fourPmEastern = Instant.parse("2025-03-03T21:00:00Z");

        assertThat(DailyReset.periodStart(FIVE_PM_NEW_YORK, fourPmEastern))
                .isEqualTo(Instant.parse("2025-03-02T22:00:00Z"));
        assertThat(DailyReset.next(FIVE_PM_NEW_YORK, fourPmEastern)).isEqualTo(Instant.parse("2025-03-03T22:00:00Z"));
    }

    @Test
    void shouldBeDueOnceTheResetTimeHasPassed() {
        Instant lastReset = Instant.parse("2025-03-02T22:00:00Z");

        assertThat(DailyReset.isDue(FIVE_PM_NEW_YORK, lastReset, Instant.parse("2025-03-03T21:59:59Z"))).isFalse();
        assertThat(DailyReset.isDue(FIVE_PM_NEW_YORK, lastReset, Instant.parse("2025-03-03T22:00:00Z"))).isTrue();
    }

    @Test
    void shouldFollowDaylightSavingTime() {
        // New York springs forward on 2025-03-09: 17:00 is 21:00 UTC from then on.
        assertThat(DailyReset.next(FIVE_PM_NEW_YORK, Instant.parse("2025-03-09T12:00:00Z")))
                .isEqualTo(Instant.parse("2025-03-09T21:00:00Z"));
    }

    @Test
    void shouldMoveAResetInsideTheSpringForwardGapByTheGapLength() {
        Rules halfPastTwo = new Rules(null, null, null, null, null, null, null, LocalTime.of(2, 30),
                ZoneId.of("America/New_York"));

        assertThat(DailyReset.next(halfPastTwo, Instant.parse("2025-03-09T05:00:00Z")))
                .isEqualTo(Instant.parse("2025-03-09T07:30:00Z"));
    }

    @Test
    void shouldTakeTheClosingEquityAsDayStartAndRaiseThePeak() {
        Account account = Account.open("A1", "u1", new BigDecimal("100000"), Rules.none(),
                Instant.parse("2025-03-03T00:00:00Z"));

        Account up = DailyReset.reset(account, new BigDecimal("103000"), Instant.parse("2025-03-04T00:00:00Z"));
        Account down = DailyReset.reset(up, new BigDecimal("101000"), Instant.parse("2025-03-05T00:00:00Z"));

        assertThat(up.dayStartEquity()).isEqualTo(Money.of("103000"));
        assertThat(up.peakEquity()).isEqualTo(Money.of("103000"));
        assertThat(down.dayStartEquity()).isEqualTo(Money.of("101000"));
        assertThat(down.peakEquity()).isEqualTo(Money.of("103000"));
        assertThat(down.balance()).isEqualTo(Money.of("100000"));
    }
}
