package io.tradingengine.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;

/**
 * The daily reset of an assessment, at its own local time and zone (default 00:00 UTC). At the reset the day's
 * closing equity becomes the new day-start equity (the daily loss reference) and raises the peak equity when higher
 * (the trailing drawdown reference, which never decreases). On a day where the reset time does not exist (a
 * daylight-saving gap) it moves later by the length of the gap, as {@link ZonedDateTime#of} resolves it (02:30 on
 * a spring-forward night in New York is 03:30 EDT).
 */
public final class DailyReset {

    private DailyReset() {
    }

    /** The latest reset instant at or before {@code now} under these rules. */
    public static Instant periodStart(Rules rules, Instant now) {
        ZonedDateTime local = now.atZone(rules.dailyResetZone());
        Instant today = resetOn(rules, local.toLocalDate());
        return today.isAfter(now) ? resetOn(rules, local.toLocalDate().minusDays(1)) : today;
    }

    /** The first reset instant strictly after {@code now}. */
    public static Instant next(Rules rules, Instant now) {
        ZonedDateTime local = now.atZone(rules.dailyResetZone());
        Instant today = resetOn(rules, local.toLocalDate());
        return today.isAfter(now) ? today : resetOn(rules, local.toLocalDate().plusDays(1));
    }

    /** True when a reset fell in (lastReset, now]: the account is due for one. */
    public static boolean isDue(Rules rules, Instant lastReset, Instant now) {
        return periodStart(rules, now).isAfter(lastReset);
    }

    /** The account after a reset at {@code equity}: day-start equity = equity, peak = max(peak, equity). */
    public static Account reset(Account account, BigDecimal equity, Instant at) {
        BigDecimal closing = Money.of(equity);
        return account.withEquityMarks(account.peakEquity().max(closing), closing, at);
    }

    private static Instant resetOn(Rules rules, LocalDate date) {
        return ZonedDateTime.of(date, rules.dailyResetTime(), rules.dailyResetZone()).toInstant();
    }
}
