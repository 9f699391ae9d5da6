package io.tradingengine.ingest.source;

import java.time.Duration;
import java.util.Objects;

/**
 * A failed exchange with a source, classified by {@link ErrorKind}. Unchecked so it can travel through resilience4j
 * decorators and lambdas; connectors catch it, count it and carry on.
 */
public final class SourceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;
    private final int httpStatus;
    private final transient Duration retryAfter;

    public SourceException(ErrorKind kind, String message) {
        this(kind, message, 0, null, null);
    }

    public SourceException(ErrorKind kind, String message, Throwable cause) {
        this(kind, message, 0, null, cause);
    }

    /**
     * @param httpStatus the HTTP status, or 0 when there was no response
     * @param retryAfter how long the source asked us to wait ({@code Retry-After}), or null
     */
    public SourceException(ErrorKind kind, String message, int httpStatus, Duration retryAfter, Throwable cause) {
        super(message, cause, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    public ErrorKind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when there was no response. */
    public int httpStatus() {
        return httpStatus;
    }

    /** How long the source asked us to wait, or null when it did not say. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** True for failures worth an immediate retry: 5xx, timeouts and broken connections; not 4xx nor 429. */
    public boolean isTransient() {
        return kind == ErrorKind.SERVER_ERROR || kind == ErrorKind.TIMEOUT || kind == ErrorKind.CONNECTION
                || kind == ErrorKind.HTML_ERROR_PAGE;
    }
}
