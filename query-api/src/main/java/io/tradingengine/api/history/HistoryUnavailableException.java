package io.tradingengine.api.history;

/** The history database could not answer (down, timed out); the REST layer answers 503. */
public class HistoryUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public HistoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
