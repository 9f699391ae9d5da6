package io.tradingengine.topology;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a record that cannot be deserialized to the dead-letter topic of the topic it came from
 * ({@code orders-dlq}, {@code assessments-dlq}, {@code prices-dlq}, {@code markets-dlq}), with its original key,
 * value and headers plus the error headers of {@link DeadLetters}, and lets processing continue.
 *
 * <p>Kafka Streams 4.3's built-in dead-letter support ({@code errors.dead.letter.queue.topic.name}, used by
 * {@code LogAndContinueExceptionHandler}) names a single topic for the whole application; the design wants one per
 * input topic, so this handler builds the records itself and returns them in its {@link Response}, which Streams
 * produces in the task's transaction (exactly once with the skipped offset).
 *
 * <p>Records of other topics (the internal repartition topics, which only the engine writes) and of the global
 * store topics are logged and skipped: Streams 4.3 cannot produce dead letters from the global thread (the global
 * store topics only carry records the engine already validated). Every skipped record counts in the task metric
 * {@code dropped-records-total}.
 */
public class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    /**
     * Streams configuration key (optional): the {@link TopicNaming} prefix of a shadow application, whose input
     * {@code <prefix>orders} dead-letters to {@code <prefix>orders-dlq}. Unset for the live engine.
     */
    public static final String TOPIC_PREFIX_CONFIG = "trading.engine.topic.prefix";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    // Set once by configure(), before the first record; Streams configures its handler instance itself.
    private Set<String> deadLetterSources = EngineTopics.DEAD_LETTER_SOURCES;

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                Exception exception) {
        boolean globalThread = context.taskId() == null || context.taskId().subtopology() < 0;
        if (globalThread || !deadLetterSources.contains(record.topic())) {
            // Poison records are rare; a warning each is what an operator needs to find them.
            LOG.warn("Skipping a record that cannot be deserialized: topic {} partition {} offset {}", record.topic(),
                    record.partition(), record.offset(), exception);
            return Response.resume();
        }
        String deadLetterTopic = EngineTopics.deadLetterTopic(record.topic());
        LOG.warn("Sending a record that cannot be deserialized to {}: topic {} partition {} offset {}: {}",
                deadLetterTopic, record.topic(), record.partition(), record.offset(), exception.getMessage());
        ProducerRecord<byte[], byte[]> deadLetter = new ProducerRecord<>(deadLetterTopic, null, record.timestamp(),
                record.key(), record.value(), DeadLetters.headers(record.headers(), exception.getClass().getName(),
                exception.getMessage(), stackTrace(exception), record.topic(), record.partition(), record.offset()));
        return Response.resume(List.of(deadLetter));
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // The dead-letter topics follow from the source topics; only a shadow's prefix changes which those are.
        Object prefix = configs.get(TOPIC_PREFIX_CONFIG);
        if (prefix != null && !prefix.toString().isEmpty()) {
            TopicNaming naming = TopicNaming.prefixed(prefix.toString());
            deadLetterSources = EngineTopics.DEAD_LETTER_SOURCES.stream()
                    .map(naming::name)
                    .collect(Collectors.toUnmodifiableSet());
        }
    }

    private static String stackTrace(Exception exception) {
        StringWriter writer = new StringWriter();
        exception.printStackTrace(new PrintWriter(writer));
        return writer.toString();
    }
}
