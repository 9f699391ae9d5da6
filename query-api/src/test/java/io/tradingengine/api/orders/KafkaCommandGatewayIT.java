package io.tradingengine.api.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingengine.api.support.Fixtures;
import io.tradingengine.avro.Assessment;
import io.tradingengine.avro.DrawdownMode;
import io.tradingengine.avro.Order;
import io.tradingengine.avro.OrderResult;
import io.tradingengine.avro.Side;
import io.tradingengine.embedded.EmbeddedKafka;
import io.tradingengine.embedded.KafkaTopics;
import io.tradingengine.schemas.Topics;
import io.tradingengine.schemas.registry.InMemorySchemaStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka gateway on a real embedded broker, with a stand-in for the topology that answers each order on
 * {@code order-results} inside a transaction (committed, or aborted for market ABORT/USD, or not at all for
 * SILENT/USD).
 */
class KafkaCommandGatewayIT {

    private static final Duration WAIT = Duration.ofSeconds(2);

    @TempDir
    static Path kafkaDir;

    private static EmbeddedKafka kafka;

    private final Topics topics = new Topics(new InMemorySchemaStore(), true);
    private final List<ConsumerRecord<String, Order>> seenOrders = new CopyOnWriteArrayList<>();
    private KafkaCommandGateway gateway;
    private Thread responder;
    private final CountDownLatch responderReady = new CountDownLatch(1);
    private volatile KafkaConsumer<String, Order> orderConsumer;
    private volatile boolean responding = true;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start(kafkaDir, 0);
        KafkaTopics.ensure(kafka.bootstrapServers(), List.of(new NewTopic(Topics.ORDERS, 3, (short) 1),
                new NewTopic(Topics.ORDER_RESULTS, 3, (short) 1), new NewTopic(Topics.ASSESSMENTS, 3, (short) 1)));
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @BeforeEach
    void start() throws InterruptedException {
        gateway = KafkaCommandGateway.create(topics, kafka.bootstrapServers(), WAIT, 1000, new SimpleMeterRegistry());
        gateway.start();
        responder = new Thread(this::respond, "topology-stand-in");
        responder.start();
        assertThat(responderReady.await(30, TimeUnit.SECONDS)).isTrue();
        until(() -> gateway.notReadyReason().isEmpty(), Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() throws InterruptedException {
        gateway.close();
        responding = false;
        KafkaConsumer<String, Order> consumer = orderConsumer;
        if (consumer != null) {
            consumer.wakeup();
        }
        responder.join(10_000);
    }

    @Test
    void shouldCompleteAnOrderWithItsResultFromOrderResults() throws Exception {
        Order order = order("BTC/USD");

        OrderOutcome outcome = gateway.submitOrder(order, "corr-7", WAIT).get(10, TimeUnit.SECONDS);

        assertThat(outcome.kind()).isEqualTo(OrderOutcome.Kind.DECIDED);
        assertThat(outcome.result().getOrderId()).isEqualTo(order.getOrderId());
        assertThat(outcome.result().getFillPrice()).isEqualByComparingTo("65065");
        assertThat(gateway.recentResult(order.getOrderId())).isPresent();
        ConsumerRecord<String, Order> sent = seenOrders.get(0);
        assertThat(sent.key()).isEqualTo("A1");
        Header header = sent.headers().lastHeader(Topics.CORRELATION_ID_HEADER);
        assertThat(new String(header.value(), StandardCharsets.UTF_8)).isEqualTo("corr-7");
    }

    @Test
    void shouldAnswerARetriedOrderFromTheRecentResultsWithoutSendingItAgain() throws Exception {
        Order order = order("BTC/USD");
        gateway.submitOrder(order, "c1", WAIT).get(10, TimeUnit.SECONDS);
        until(() -> seenOrders.size() == 1, Duration.ofSeconds(10));

        OrderOutcome again = gateway.submitOrder(order, "c2", WAIT).get(1, TimeUnit.SECONDS);

        assertThat(again.kind()).isEqualTo(OrderOutcome.Kind.DECIDED);
        assertThat(seenOrders).hasSize(1);
    }

    @Test
    void shouldAnswerPendingWhenTheResultDoesNotArriveInTime() throws Exception {
        OrderOutcome outcome = gateway.submitOrder(order("SILENT/USD"), "c", WAIT).get(10, TimeUnit.SECONDS);

        assertThat(outcome.kind()).isEqualTo(OrderOutcome.Kind.PENDING);
    }

    @Test
    void shouldNotSeeResultsOfAbortedTransactions() throws Exception {
        OrderOutcome outcome = gateway.submitOrder(order("ABORT/USD"), "c", WAIT).get(10, TimeUnit.SECONDS);

        assertThat(outcome.kind()).isEqualTo(OrderOutcome.Kind.PENDING);
    }

    @Test
    void shouldPublishAnAssessmentKeyedByItsIdWithTheCorrelationId() throws Exception {
        Assessment assessment = Assessment.newBuilder().setAssessmentId("A-" + UUID.randomUUID())
                .setUserId("alice").setStartingBalance(Fixtures.d("100000"))
                .setRules(Fixtures.rules(DrawdownMode.STATIC)).setCreatedAt(Fixtures.NOW).build();

        gateway.publishAssessment(assessment, "corr-a", WAIT).get(10, TimeUnit.SECONDS);

        List<ConsumerRecord<String, Assessment>> records = readAll(Topics.ASSESSMENTS, assessment.getAssessmentId());
        assertThat(records).hasSize(1);
        assertThat(records.get(0).value()).isEqualTo(assessment);
        assertThat(new String(records.get(0).headers().lastHeader(Topics.CORRELATION_ID_HEADER).value(),
                StandardCharsets.UTF_8)).isEqualTo("corr-a");
    }

    private List<ConsumerRecord<String, Assessment>> readAll(String topic, String key) {
        List<ConsumerRecord<String, Assessment>> found = new ArrayList<>();
        try (KafkaConsumer<String, Assessment> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), topics.assessments.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (found.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
            }
        }
        return found;
    }

    /** Stands in for the topology: one transactional result per order. */
    private void respond() {
        try (KafkaConsumer<String, Order> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringDeserializer(), topics.orders.valueSerde().deserializer());
             KafkaProducer<String, OrderResult> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                     ProducerConfig.TRANSACTIONAL_ID_CONFIG, "stand-in-" + UUID.randomUUID()),
                     new StringSerializer(), topics.orderResults.valueSerde().serializer())) {
            orderConsumer = consumer;
            producer.initTransactions();
            // Only orders of this test: every partition from its current end, positions resolved before "ready".
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ORDERS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            responderReady.countDown();
            while (responding) {
                for (ConsumerRecord<String, Order> record : consumer.poll(Duration.ofMillis(100))) {
                    seenOrders.add(record);
                    Order order = record.value();
                    if (order.getMarket().equals("SILENT/USD")) {
                        continue;
                    }
                    producer.beginTransaction();
                    producer.send(new ProducerRecord<>(Topics.ORDER_RESULTS, order.getAssessmentId(),
                            Fixtures.filled(order.getOrderId(), order.getAssessmentId(), order.getUserId(),
                                    order.getMarket(), order.getSide(), "1", "65065", "65")));
                    if (order.getMarket().equals("ABORT/USD")) {
                        producer.abortTransaction();
                    } else {
                        producer.commitTransaction();
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        }
    }

    private static Order order(String market) {
        return Order.newBuilder().setOrderId(UUID.randomUUID().toString()).setAssessmentId("A1").setUserId("alice")
                .setMarket(market).setSide(Side.LONG).setQuantity(Fixtures.d("1")).setSubmittedAt(Fixtures.NOW)
                .build();
    }

    private static void until(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
