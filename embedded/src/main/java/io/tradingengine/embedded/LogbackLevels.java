package io.tradingengine.embedded;

import java.util.Collection;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** The logback half of {@link BrokerLogLevels}; loaded only when logback is the SLF4J backend. */
final class LogbackLevels {

    private LogbackLevels() {
    }

    static void warnUnlessConfigured(Collection<String> loggerNames) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (String name : loggerNames) {
            Logger logger = context.getLogger(name);
            // A level set in logback.xml (or by an earlier call) is the user asking: leave it.
            if (logger.getLevel() == null) {
                logger.setLevel(Level.WARN);
            }
        }
    }
}
