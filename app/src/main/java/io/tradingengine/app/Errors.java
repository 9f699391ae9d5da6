package io.tradingengine.app;

import org.apache.kafka.common.config.ConfigException;

/** Turns start-up failures into one line a person can act on. */
final class Errors {

    private Errors() {
    }

    static String describe(Throwable e) {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof ConfigException) {
                return "configuration error: " + cause.getMessage();
            }
            cause = cause.getCause();
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
