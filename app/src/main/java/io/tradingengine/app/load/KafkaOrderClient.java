package io.tradingengine.app.load;

import io.tradingengine.avro.Order;
import io.tradingengine.avro.OrderResult;
import io.tradingengine.avro.OrderStatus;
import io.tradingengine.avro.Side;
import io.tradingengine.schemas.Decimals;
import io.tradingengine.schemas.Topics;
import io.tradingengine.schemas.serde.CachedSchemaRegistryClient;
import io.tradingengine.schemas.serde.HttpSchemaRegistryClient;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Produces orders straight to the {@code orders} topic, as any Kafka client of the engine would, and completes
 * each when its {@code OrderResult} shows up on {@code order-results} (read committed).
 */
public final class KafkaOrderClient implements OrderClient {

    private final java.util.function.Function<String, String> ownerOf;
    private final Topics topics;
    private final KafkaProducer<String, Order> producer;
    private final KafkaConsumer<String, OrderResult> consumer;
    private final Map<String, CompletableFuture<Outcome>> pending = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile boolean running = true;

    /** @param ownerOf the user id of the owner of an assessment (the order's userId) */
    public KafkaOrderClient(String bootstrapServers, String registryUrl, String registryToken,
                            java.util.function.Function<String, String> ownerOf) {
        this.ownerOf = ownerOf;
        this.topics = new Topics(new CachedSchemaRegistryClient(new HttpSchemaRegistryClient(registryUrl,
                () -> registryToken, HttpSchemaRegistryClient.DEFAULT_TIMEOUT)), true);
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 1),
                topics.orders.keySerde().serializer(), topics.orders.valueSerde().serializer());
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                Serdes.String().deserializer(), topics.orderResults.valueSerde().deserializer());
        Consumers.assignAtEnd(consumer, Topics.ORDER_RESULTS);
        this.poller = new Thread(this::poll, "load-order-results");
        this.poller.setDaemon(true);
        this.poller.start();
    }

    @Override
    public CompletableFuture<Outcome> submit(String assessmentId, String market, String side, BigDecimal quantity) {
        String orderId = UUID.randomUUID().toString();
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        pending.put(orderId, result);
        Order order = Order.newBuilder().setOrderId(orderId).setAssessmentId(assessmentId).setUserId(ownerOf.apply(assessmentId))
                .setMarket(market).setSide(Side.valueOf(side.toUpperCase(Locale.ROOT)))
                .setQuantity(Decimals.wire(quantity)).setSubmittedAt(Instant.now()).build();
        ProducerRecord<String, Order> record = new ProducerRecord<>(Topics.ORDERS, assessmentId, order);
        record.headers().add(Topics.CORRELATION_ID_HEADER, orderId.getBytes(StandardCharsets.UTF_8));
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                pending.remove(orderId);
                result.complete(Outcome.ERROR);
            }
        });
        return result;
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, OrderResult> record : consumer.poll(Duration.ofMillis(100))) {
                    OrderResult value = record.value();
                    CompletableFuture<Outcome> waiter = value == null ? null : pending.remove(value.getOrderId());
                    if (waiter != null) {
                        waiter.complete(value.getStatus() == OrderStatus.FILLED ? Outcome.FILLED : Outcome.REJECTED);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        producer.close(Duration.ofSeconds(5));
        pending.values().forEach(f -> f.complete(Outcome.PENDING));
    }
}
