package io.tradingengine.api.orders;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.tradingengine.avro.Assessment;
import io.tradingengine.avro.Order;
import io.tradingengine.avro.OrderResult;
import io.tradingengine.schemas.Topic;
import io.tradingengine.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commands over Kafka: an idempotent producer with {@code acks=all} for {@code orders} and {@code assessments}, and
 * one shared read-committed listener on {@code order-results} that completes each waiting request. Every wait is
 * bounded: when Kafka does not acknowledge an order in time the outcome is {@link OrderOutcome.Kind#NOT_ACCEPTED}
 * (the REST layer answers 503), never a hang.
 */
public final class KafkaCommandGateway implements CommandGateway, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaCommandGateway.class);

    private final Topics topics;
    private final Producer<String, byte[]> producer;
    private final OrderResultListener listener;
    private final ScheduledExecutorService timers;
    private final KafkaClientMetrics producerMetrics;
    private final KafkaClientMetrics consumerMetrics;

    private KafkaCommandGateway(Topics topics, Producer<String, byte[]> producer, OrderResultListener listener,
                                KafkaClientMetrics consumerMetrics, MeterRegistry meters) {
        this.topics = topics;
        this.producer = producer;
        this.listener = listener;
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "order-wait-timer");
            thread.setDaemon(true);
            return thread;
        });
        this.producerMetrics = new KafkaClientMetrics(producer);
        this.producerMetrics.bindTo(meters);
        this.consumerMetrics = consumerMetrics;
        this.consumerMetrics.bindTo(meters);
    }

    /**
     * Builds the producer and the order-results consumer; {@link #start()} begins listening.
     *
     * @param maxWait the longest any send may block (metadata) before it counts as failed
     * @param recentCapacity how many recent results to remember
     */
    public static KafkaCommandGateway create(Topics topics, String bootstrapServers, Duration maxWait,
                                             int recentCapacity, MeterRegistry meters) {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(bootstrapServers, maxWait),
                new StringSerializer(), new ByteArraySerializer());
        KafkaConsumer<String, OrderResult> consumer = new KafkaConsumer<>(consumerConfig(bootstrapServers),
                new StringDeserializer(), topics.orderResults.valueSerde().deserializer());
        OrderResultListener listener = new OrderResultListener(consumer, topics.orderResults.name(), recentCapacity);
        // Metrics only read the consumer's metric registry, which is safe from the scraping thread.
        return new KafkaCommandGateway(topics, producer, listener, new KafkaClientMetrics(consumer), meters);
    }

    /** Starts listening on {@code order-results} (from its end); /ready waits until the partitions are assigned. */
    public void start() {
        listener.start();
    }

    static Map<String, Object> producerConfig(String bootstrapServers, Duration maxWait) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "query-api-commands",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                // Orders are latency-bound: batch for at most a millisecond.
                ProducerConfig.LINGER_MS_CONFIG, 1,
                // send() blocks for metadata at most this long, so a request never outlives its wait time.
                ProducerConfig.MAX_BLOCK_MS_CONFIG, maxWait.toMillis());
    }

    static Map<String, Object> consumerConfig(String bootstrapServers) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "query-api-order-results",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
    }

    @Override
    public CompletableFuture<OrderOutcome> submitOrder(Order order, String correlationId, Duration wait) {
        String orderId = order.getOrderId();
        Optional<OrderResult> known = listener.recent(orderId);
        if (known.isPresent()) {
            // A retry of a decided order (same Idempotency-Key): its first result, no second send.
            return CompletableFuture.completedFuture(OrderOutcome.decided(known.get()));
        }
        CompletableFuture<OrderOutcome> outcome = new CompletableFuture<>();
        CompletableFuture<OrderResult> result = listener.await(orderId);
        // The deadline is armed before the send: a send blocked on metadata still ends in time.
        CompletableFuture<Void> acked = new CompletableFuture<>();
        ScheduledFuture<?> deadline = timers.schedule(
                () -> outcome.complete(atDeadline(orderId, acked, wait)), wait.toMillis(), TimeUnit.MILLISECONDS);
        outcome.whenComplete((o, e) -> {
            deadline.cancel(false);
            listener.release(orderId, result);
        });
        result.thenAccept(r -> outcome.complete(OrderOutcome.decided(r)));
        acked.whenComplete((v, e) -> {
            if (e != null) {
                outcome.complete(OrderOutcome.notAccepted(describe(e)));
            }
        });
        send(topics.orders, order.getAssessmentId(), order, correlationId, acked);
        return outcome;
    }

    @Override
    public CompletableFuture<Void> publishAssessment(Assessment assessment, String correlationId, Duration wait) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        send(topics.assessments, assessment.getAssessmentId(), assessment, correlationId, acked);
        return acked.orTimeout(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public Optional<OrderResult> recentResult(String orderId) {
        return listener.recent(orderId);
    }

    @Override
    public Optional<String> notReadyReason() {
        return listener.notReadyReason();
    }

    private OrderOutcome atDeadline(String orderId, CompletableFuture<Void> acked, Duration wait) {
        Optional<OrderResult> known = listener.recent(orderId);
        if (known.isPresent()) {
            return OrderOutcome.decided(known.get());
        }
        if (acked.isDone() && !acked.isCompletedExceptionally()) {
            return OrderOutcome.pending();
        }
        return OrderOutcome.notAccepted("Kafka did not acknowledge the order within " + wait.toMillis() + " ms");
    }

    /** Serializes and sends; every failure, synchronous or not, completes {@code acked} exceptionally. */
    private <V extends SpecificRecord> void send(Topic<String, V> topic, String key, V value, String correlationId,
                                                 CompletableFuture<Void> acked) {
        try {
            RecordHeaders headers = new RecordHeaders();
            headers.add(Topics.CORRELATION_ID_HEADER, correlationId.getBytes(StandardCharsets.UTF_8));
            byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), headers, value);
            ProducerRecord<String, byte[]> record =
                    new ProducerRecord<>(topic.name(), null, key, bytes, headers);
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    acked.complete(null);
                } else {
                    acked.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            // Covers a registry that cannot be reached (serializer) and metadata waits that ran out (max.block.ms).
            LOG.warn("Could not send to {}: {}", topic.name(), e.getMessage());
            acked.completeExceptionally(e);
        }
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return "Kafka did not acknowledge the order in time";
        }
        return "Kafka refused the order: " + cause.getClass().getSimpleName();
    }

    @Override
    public void close() {
        listener.close();
        timers.shutdownNow();
        producerMetrics.close();
        consumerMetrics.close();
        producer.close(Duration.ofSeconds(5));
    }
}
