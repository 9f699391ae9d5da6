package io.tradingengine.app.replay;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * A point in time on the command line: an ISO-8601 instant ({@code 2025-03-01T12:00:00Z}), an offset date-time
 * ({@code 2025-03-01T13:00:00+01:00}), a date-time or date without zone (UTC), epoch milliseconds, or
 * {@code earliest} (the start of the topics, as {@link Instant#EPOCH}).
 */
public final class TimeArgument {

    private TimeArgument() {
    }

    /** @throws IllegalArgumentException naming the option when the value is none of the accepted forms */
    public static Instant parse(String option, String value) {
        String text = value == null ? "" : value.trim();
        if (text.toLowerCase(Locale.ROOT).equals("earliest")) {
            return Instant.EPOCH;
        }
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            return Instant.ofEpochMilli(Long.parseLong(text));
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": '" + value + "' is not a time (2025-03-01T12:00:00Z, "
                    + "2025-03-01, epoch milliseconds or earliest)");
        }
    }
}
