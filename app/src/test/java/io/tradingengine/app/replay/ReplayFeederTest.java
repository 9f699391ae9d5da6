package io.tradingengine.app.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingengine.avro.Order;
import io.tradingengine.avro.Side;
import io.tradingengine.schemas.Decimals;
import io.tradingengine.schemas.Topics;
import io.tradingengine.schemas.registry.InMemorySchemaStore;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The feeder on Kafka's own mock clients: records go to the shadow's topics in time order, and in lock-step an
 * epoch closes exactly when an order would race with a tick of its market, or a tick with an order of its market.
 */
class ReplayFeederTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

    private final Topics topics = new Topics(new InMemorySchemaStore(), true);
    private final ReplayTopics names = new ReplayTopics("unit");
    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final List<Integer> sentAtBarriers = new ArrayList<>();

    @Test
    void shouldCloseAnEpochWheneverAnOrderAndATickOfTheSameMarketWouldRace() throws Exception {
        ReplayFeeder.FeedStats stats = feed(true);

        // market, assessment, tick BTC | order BTC, order ETH | tick BTC, tick ETH | order BTC
        assertThat(sentAtBarriers).containsExactly(3, 5, 7, 8);
        assertThat(stats).isEqualTo(new ReplayFeeder.FeedStats(8, 3, 4));
        assertThat(producer.history()).extracting(ProducerRecord::topic).containsExactly(
                "replay.unit.markets", "replay.unit.assessments", "replay.unit.prices", "replay.unit.orders",
                "replay.unit.orders", "replay.unit.prices", "replay.unit.prices", "replay.unit.orders");
        ProducerRecord<byte[], byte[]> order = producer.history().get(3);
        assertThat(order.partition()).isEqualTo(1);
        assertThat(order.timestamp()).isEqualTo(T0.plusSeconds(4).toEpochMilli());
        assertThat(new String(order.key(), StandardCharsets.UTF_8)).isEqualTo("A1");
        assertThat(order.headers().lastHeader("correlation-id").value())
                .isEqualTo("c-4".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldFeedEverythingAtOnceWithoutLockstep() throws Exception {
        ReplayFeeder.FeedStats stats = feed(false);

        assertThat(sentAtBarriers).containsExactly(8);
        assertThat(stats.epochs()).isEqualTo(1);
    }

    private ReplayFeeder.FeedStats feed(boolean lockstep) throws Exception {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        List<ConsumerRecord<byte[], byte[]>> records = List.of(
                record("markets", 0, 0, 1, "BTC/USD", "market".getBytes(StandardCharsets.UTF_8)),
                record("assessments", 1, 0, 2, "A1", "assessment".getBytes(StandardCharsets.UTF_8)),
                record("prices", 0, 0, 3, "BTC/USD", "tick".getBytes(StandardCharsets.UTF_8)),
                record("orders", 1, 0, 4, "A1", order("o1", "BTC/USD")),
                record("orders", 0, 0, 5, "A2", order("o2", "ETH/USD")),
                record("prices", 0, 1, 6, "BTC/USD", "tick".getBytes(StandardCharsets.UTF_8)),
                record("prices", 1, 0, 7, "ETH/USD", "tick".getBytes(StandardCharsets.UTF_8)),
                record("orders", 1, 1, 8, "A1", order("o3", "BTC/USD")));
        Map<TopicPartition, Long> start = new HashMap<>();
        Map<TopicPartition, Long> end = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            start.put(partition, 0L);
            end.merge(partition, record.offset() + 1, Math::max);
        }
        try (MergedReader reader = new MergedReader(consumer, start, end, List.of(), Long.MAX_VALUE)) {
            // Offered topic by topic (each partition in offset order), not in time order: the reader sorts them.
            records.stream()
                    .sorted(Comparator.<ConsumerRecord<byte[], byte[]>, String>comparing(ConsumerRecord::topic)
                            .reversed().thenComparingLong(ConsumerRecord::offset))
                    .forEach(consumer::addRecord);
            ReplayFeeder feeder = new ReplayFeeder(producer, names, topics.orders.valueSerde().deserializer(),
                    deadline -> sentAtBarriers.add(producer.history().size()), lockstep);
            return feeder.feed(reader, Long.MAX_VALUE);
        }
    }

    private ConsumerRecord<byte[], byte[]> record(String topic, int partition, long offset, int second, String key,
                                                  byte[] value) {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(topic, partition, offset,
                T0.plusSeconds(second).toEpochMilli(), TimestampType.CREATE_TIME,
                0, 0, key.getBytes(StandardCharsets.UTF_8), value,
                new RecordHeaders(), Optional.empty());
        record.headers().add("correlation-id", ("c-" + second).getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private byte[] order(String orderId, String market) {
        Order order = Order.newBuilder().setOrderId(orderId).setAssessmentId("A1").setUserId("u").setMarket(market)
                .setSide(Side.LONG).setQuantity(Decimals.wire(BigDecimal.ONE)).setSubmittedAt(T0).build();
        return topics.orders.valueSerde().serializer().serialize(Topics.ORDERS, order);
    }
}
