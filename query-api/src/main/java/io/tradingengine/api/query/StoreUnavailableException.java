package io.tradingengine.api.query;

/**
 * A store cannot answer now: it is restoring, the instance is rebalancing, or the key belongs to another instance.
 * The REST layer answers 503 with {@code Retry-After}.
 */
public class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message) {
        super(message);
    }

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
