package io.tradingengine.api.http;

import java.util.Map;

/**
 * An expected failure of a request, mapped centrally to the JSON error of DESIGN.md
 * ({@code {error, message, correlationId}}) with its status and headers. Controllers throw it; they never write
 * error responses themselves.
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final String field;
    private final Map<String, String> headers;

    public ApiException(int status, String error, String message, String field, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
        this.field = field;
        this.headers = Map.copyOf(headers);
    }

    /** 400 naming the offending field (body field, path or query parameter). */
    public static ApiException badRequest(String field, String message) {
        return new ApiException(400, "BAD_REQUEST", field == null ? message : field + ": " + message, field, Map.of());
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "UNAUTHORIZED", message, null, Map.of("WWW-Authenticate", "Bearer"));
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "FORBIDDEN", message, null, Map.of());
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "NOT_FOUND", message, null, Map.of());
    }

    /** 409: the request contradicts an earlier one (an {@code Idempotency-Key} reused for another order). */
    public static ApiException conflict(String message) {
        return new ApiException(409, "CONFLICT", message, null, Map.of());
    }

    /** 429 with {@code Retry-After} in whole seconds. */
    public static ApiException tooManyRequests(String message, long retryAfterSeconds) {
        return new ApiException(429, "TOO_MANY_REQUESTS", message, null,
                Map.of("Retry-After", Long.toString(Math.max(1, retryAfterSeconds))));
    }

    /** 503 with {@code Retry-After} in whole seconds. */
    public static ApiException unavailable(String message, long retryAfterSeconds) {
        return new ApiException(503, "UNAVAILABLE", message, null,
                Map.of("Retry-After", Long.toString(Math.max(0, retryAfterSeconds))));
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    /** The request field the error is about, or null. */
    public String field() {
        return field;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
