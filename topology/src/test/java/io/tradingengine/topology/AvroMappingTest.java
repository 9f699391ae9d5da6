package io.tradingengine.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingengine.avro.internal.AssessmentState;
import io.tradingengine.domain.Account;
import io.tradingengine.domain.DrawdownMode;
import io.tradingengine.domain.Money;
import io.tradingengine.domain.Rules;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * An account survives the store: the ledger cache holds the account as built, so a read of the store must give the
 * same account back (amounts arrive at scale 18 from Avro, as here).
 */
class AvroMappingTest {

    private static final Instant AT = Instant.parse("2025-03-03T12:00:00Z");

    @Test
    void shouldKeepTheSecondsOfADailyResetTimeThroughTheStore() {
        Account account = account(LocalTime.of(9, 30, 45));

        AssessmentState stored = AvroMapping.state(account);

        assertThat(stored.getRules().getDailyResetTime()).isEqualTo("09:30:45");
        assertThat(AvroMapping.account(stored)).isEqualTo(account);
    }

    @Test
    void shouldStoreAWholeMinuteResetTimeAsHoursAndMinutes() {
        Account account = account(LocalTime.of(17, 0));

        AssessmentState stored = AvroMapping.state(account);

        assertThat(stored.getRules().getDailyResetTime()).isEqualTo("17:00");
        assertThat(AvroMapping.account(stored)).isEqualTo(account);
    }

    private static Account account(LocalTime resetTime) {
        return Account.open("A1", "u1", new BigDecimal("100000"), new Rules(Money.of("10"),
                DrawdownMode.STATIC, null, null, null, null, null, resetTime, ZoneId.of("Europe/Berlin")), AT);
    }
}
