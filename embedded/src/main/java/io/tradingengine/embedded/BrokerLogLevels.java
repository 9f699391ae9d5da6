package io.tradingengine.embedded;

import java.util.List;

import org.slf4j.LoggerFactory;

/**
 * Keeps the in-process broker quiet: its loggers go to WARN unless the logging configuration sets them.
 *
 * <p>Only logback can be adjusted at run time through a public API; with any other SLF4J backend this does nothing
 * and that backend's own configuration decides.
 */
final class BrokerLogLevels {

    /** Logger names used by the broker and controller, not by the Kafka clients the application itself uses. */
    static final List<String> BROKER_LOGGERS = List.of(
            "kafka",
            "state.change.logger",
            "org.apache.kafka.controller",
            "org.apache.kafka.coordinator",
            "org.apache.kafka.image",
            "org.apache.kafka.metadata",
            "org.apache.kafka.network",
            "org.apache.kafka.queue",
            "org.apache.kafka.raft",
            "org.apache.kafka.security",
            "org.apache.kafka.server",
            "org.apache.kafka.snapshot",
            "org.apache.kafka.storage");

    private static final String LOGBACK_CONTEXT = "ch.qos.logback.classic.LoggerContext";

    private BrokerLogLevels() {
    }

    static void quietUnlessConfigured() {
        // Compare by name so that logback classes are only loaded when logback is the backend.
        if (LOGBACK_CONTEXT.equals(LoggerFactory.getILoggerFactory().getClass().getName())) {
            LogbackLevels.warnUnlessConfigured(BROKER_LOGGERS);
        }
    }
}
