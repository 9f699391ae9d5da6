package io.tradingengine.api.http;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The correlation id of a request: taken from {@code X-Correlation-ID} when it is a sane token, generated otherwise;
 * it travels into the Kafka record header, the logs (MDC), the error body and the response header.
 */
public final class CorrelationIds {

    public static final String HEADER = "X-Correlation-ID";
    public static final String MDC_KEY = "correlationId";
    private static final String ATTRIBUTE = "correlationId";
    // Header values end up in logs and Kafka headers: no control characters, bounded length.
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    private CorrelationIds() {
    }

    /** Picks the id for this request and stores it on the context. */
    public static String assign(Context ctx) {
        String given = ctx.header(HEADER);
        String id = given != null && ACCEPTED.matcher(given).matches() ? given : UUID.randomUUID().toString();
        ctx.attribute(ATTRIBUTE, id);
        return id;
    }

    /** The id assigned to this request. */
    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id != null ? id : assign(ctx);
    }
}
