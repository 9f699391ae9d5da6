package io.tradingengine.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.Response;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.Result;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class DeadLetterDeserializationHandlerTest {

    private static final byte[] KEY = "A1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = {1, 2, 3};

    private final DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();

    @Test
    void shouldResumeWithOneDeadLetterForTheSourceTopicOfAStreamTask() {
        Response response = handler.handleError(context(new TaskId(1, 3)), record("prices"),
                new SerializationException("bad magic byte"));

        assertThat(response.result()).isEqualTo(Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).hasSize(1);
        ProducerRecord<byte[], byte[]> dead = response.deadLetterQueueRecords().get(0);
        assertThat(dead.topic()).isEqualTo("prices-dlq");
        assertThat(dead.key()).isEqualTo(KEY);
        assertThat(dead.value()).isEqualTo(VALUE);
        assertThat(dead.timestamp()).isEqualTo(1234L);
        assertThat(header(dead.headers(), "correlation-id")).isEqualTo("c-1");
        assertThat(header(dead.headers(), DeadLetters.EXCEPTION)).isEqualTo(SerializationException.class.getName());
        assertThat(header(dead.headers(), DeadLetters.MESSAGE)).isEqualTo("bad magic byte");
        assertThat(header(dead.headers(), DeadLetters.TOPIC)).isEqualTo("prices");
        assertThat(header(dead.headers(), DeadLetters.PARTITION)).isEqualTo("3");
        assertThat(header(dead.headers(), DeadLetters.OFFSET)).isEqualTo("42");
    }

    @Test
    void shouldOnlySkipOnTheGlobalThreadWhichCannotProduce() {
        Response response = handler.handleError(context(new TaskId(-1, -1)), record("prices-latest"),
                new SerializationException("bad"));

        assertThat(response.result()).isEqualTo(Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void shouldOnlySkipOnTopicsWithoutADeadLetterTopic() {
        Response response = handler.handleError(context(new TaskId(1, 0)), record("engine-tick-fanout-repartition"),
                new SerializationException("bad"));

        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void shouldDeadLetterAShadowApplicationsPrefixedInputToItsPrefixedDeadLetterTopic() {
        DeadLetterDeserializationHandler shadow = new DeadLetterDeserializationHandler();
        shadow.configure(Map.of(DeadLetterDeserializationHandler.TOPIC_PREFIX_CONFIG, "replay.r1."));

        Response prefixed = shadow.handleError(context(new TaskId(1, 3)), record("replay.r1.orders"),
                new SerializationException("bad"));
        Response live = shadow.handleError(context(new TaskId(1, 3)), record("orders"),
                new SerializationException("bad"));

        assertThat(prefixed.deadLetterQueueRecords()).extracting(ProducerRecord::topic)
                .containsExactly("replay.r1.orders-dlq");
        assertThat(live.deadLetterQueueRecords()).as("a shadow never writes a live dead-letter topic").isEmpty();
    }

    private static ConsumerRecord<byte[], byte[]> record(String topic) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("correlation-id", "c-1".getBytes(StandardCharsets.UTF_8));
        return new ConsumerRecord<>(topic, 3, 42L, 1234L, TimestampType.CREATE_TIME, KEY.length, VALUE.length, KEY,
                VALUE, headers, Optional.empty());
    }

    private static ErrorHandlerContext context(TaskId taskId) {
        return new ErrorHandlerContext() {
            @Override
            public String topic() {
                return "prices";
            }

            @Override
            public int partition() {
                return 3;
            }

            @Override
            public long offset() {
                return 42L;
            }

            @Override
            public Headers headers() {
                return new RecordHeaders();
            }

            @Override
            public String processorNodeId() {
                return "prices-source";
            }

            @Override
            public TaskId taskId() {
                return taskId;
            }

            @Override
            public long timestamp() {
                return 1234L;
            }

            @Override
            public byte[] sourceRawKey() {
                return KEY;
            }

            @Override
            public byte[] sourceRawValue() {
                return VALUE;
            }
        };
    }

    private static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
