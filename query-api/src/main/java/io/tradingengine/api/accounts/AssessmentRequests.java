package io.tradingengine.api.accounts;

import io.tradingengine.api.http.ApiException;
import io.tradingengine.api.http.Ids;
import io.tradingengine.api.http.JsonBody;
import io.tradingengine.avro.Assessment;
import io.tradingengine.domain.DrawdownMode;
import io.tradingengine.domain.Rules;
import io.tradingengine.schemas.Decimals;
import io.tradingengine.topology.AvroMapping;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Reads the body of POST /assessments (DESIGN.md) into the {@link Assessment} record, every rule validated by the
 * domain's own {@link Rules} so the API never sends a rule the topology would refuse.
 */
public final class AssessmentRequests {

    private static final Set<String> FIELDS = Set.of("assessmentId", "userId", "startingBalance", "rules");
    private static final Set<String> RULE_FIELDS = Set.of("maxDrawdownPercent", "drawdownMode", "dailyLossPercent",
            "profitTargetPercent", "maxOrderNotionalPercent", "maxPositionNotionalPercent", "maxLeverage",
            "dailyResetTime", "dailyResetZone");
    private static final DateTimeFormatter RESET_TIME =
            DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    // "UTC" rather than the offset "Z", as the Avro default and DESIGN.md spell it.
    private static final ZoneId UTC = ZoneId.of("UTC");

    private AssessmentRequests() {
    }

    /** The assessment record for this body; a missing {@code assessmentId} gets a fresh UUID. */
    public static Assessment parse(JsonBody body, Instant now) {
        body.allowOnly(FIELDS);
        String assessmentId = body.optionalText("assessmentId");
        assessmentId = assessmentId == null ? UUID.randomUUID().toString() : Ids.id("assessmentId", assessmentId);
        String userId = Ids.user("userId", body.requiredText("userId"));
        BigDecimal startingBalance = body.requiredPositive("startingBalance");
        JsonBody rulesBody = body.optionalObject("rules");
        Rules rules = rulesBody == null
                ? new Rules(null, null, null, null, null, null, null, null, UTC)
                : rules(rulesBody);
        return Assessment.newBuilder()
                .setAssessmentId(assessmentId)
                .setUserId(userId)
                .setStartingBalance(Decimals.wire(startingBalance))
                .setRules(AvroMapping.rules(rules))
                .setCreatedAt(now)
                .build();
    }

    private static Rules rules(JsonBody rules) {
        rules.allowOnly(RULE_FIELDS);
        try {
            return new Rules(nonNegative(rules, "maxDrawdownPercent"), drawdownMode(rules),
                    nonNegative(rules, "dailyLossPercent"), nonNegative(rules, "profitTargetPercent"),
                    nonNegative(rules, "maxOrderNotionalPercent"), nonNegative(rules, "maxPositionNotionalPercent"),
                    rules.optionalPositive("maxLeverage"), resetTime(rules), resetZone(rules));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("rules", e.getMessage());
        }
    }

    private static BigDecimal nonNegative(JsonBody body, String field) {
        BigDecimal value = body.optionalDecimal(field);
        if (value != null && value.signum() < 0) {
            throw ApiException.badRequest(body.name(field), "must be >= 0");
        }
        return value;
    }

    private static DrawdownMode drawdownMode(JsonBody body) {
        String mode = body.optionalText("drawdownMode");
        if (mode == null) {
            return null;
        }
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "static" -> DrawdownMode.STATIC;
            case "trailing" -> DrawdownMode.TRAILING;
            default -> throw ApiException.badRequest(body.name("drawdownMode"), "must be \"static\" or \"trailing\"");
        };
    }

    private static LocalTime resetTime(JsonBody body) {
        String time = body.optionalText("dailyResetTime");
        if (time == null) {
            return null;
        }
        try {
            return LocalTime.parse(time, RESET_TIME);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(body.name("dailyResetTime"), "must be HH:mm");
        }
    }

    private static ZoneId resetZone(JsonBody body) {
        String zone = body.optionalText("dailyResetZone");
        if (zone == null) {
            return UTC;
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw ApiException.badRequest(body.name("dailyResetZone"), "must be an IANA zone id such as UTC");
        }
    }
}
