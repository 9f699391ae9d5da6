package io.tradingengine.api.http;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.MDC;

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

    /**
     * Runs {@code work} with {@code correlationId} in the logging MDC and restores what was there: for the parts of a
     * request that continue on another thread (a Kafka callback, a forwarded read's answer).
     */
    public static <T> T withMdc(String correlationId, Supplier<T> work) {
        String previous = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, correlationId);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previous);
            }
        }
    }

    /** The id assigned to this request. */
    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id != null ? id : assign(ctx);
    }
}
