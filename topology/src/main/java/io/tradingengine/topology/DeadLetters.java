package io.tradingengine.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers of a dead-letter record. The names are those of Kafka Streams' own dead-letter records
 * ({@code __streams.errors.*}), so a tool that reads one reads the other; the record's original headers (the
 * correlation id) come first.
 *
 * <ul>
 *   <li>{@value #EXCEPTION}: the exception class for a record that could not be deserialized,
 *       {@value #VALIDATION_FAILURE} for a record that failed validation;</li>
 *   <li>{@value #MESSAGE}: what was wrong ("startingBalance must be > 0");</li>
 *   <li>{@value #STACKTRACE}: the stack trace, for deserialization errors only;</li>
 *   <li>{@value #TOPIC}, {@value #PARTITION}, {@value #OFFSET}: where the record was read.</li>
 * </ul>
 */
public final class DeadLetters {

    public static final String EXCEPTION = "__streams.errors.exception";
    public static final String MESSAGE = "__streams.errors.message";
    public static final String STACKTRACE = "__streams.errors.stacktrace";
    public static final String TOPIC = "__streams.errors.topic";
    public static final String PARTITION = "__streams.errors.partition";
    public static final String OFFSET = "__streams.errors.offset";
    /** The {@value #EXCEPTION} header of a record that was read but failed validation. */
    public static final String VALIDATION_FAILURE = "ValidationFailure";

    private DeadLetters() {
    }

    /**
     * The original headers plus the error headers.
     *
     * @param stackTrace the stack trace, or null
     */
    public static Headers headers(Headers original, String exception, String message, String stackTrace,
                                  String topic, int partition, long offset) {
        RecordHeaders headers = new RecordHeaders();
        if (original != null) {
            for (Header header : original) {
                headers.add(header);
            }
        }
        add(headers, EXCEPTION, exception);
        add(headers, MESSAGE, message);
        if (stackTrace != null) {
            add(headers, STACKTRACE, stackTrace);
        }
        add(headers, TOPIC, topic);
        add(headers, PARTITION, String.valueOf(partition));
        add(headers, OFFSET, String.valueOf(offset));
        return headers;
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }
}
