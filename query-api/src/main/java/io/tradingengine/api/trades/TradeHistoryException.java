package io.tradingengine.api.trades;

/** The trades database could not answer (down, timed out); the REST layer answers 503. */
public class TradeHistoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TradeHistoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
