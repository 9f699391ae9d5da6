package io.tradingengine.app.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingengine.avro.OrderResult;
import io.tradingengine.avro.OrderStatus;
import io.tradingengine.avro.Side;
import io.tradingengine.embedded.EmbeddedKafka;
import io.tradingengine.schemas.Topics;
import io.tradingengine.schemas.registry.InMemorySchemaStore;
import io.tradingengine.topology.TopologyConfig;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays on the real embedded broker: a shadow with another slippage fills the recorded orders at the prices of
 * the ticks before each of them (lock-step), a replay that starts later gets the last tick before its start (the
 * seed) and stops at its end, and the live topics are never written.
 */
class ReplayIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(4);
    private static final Instant T0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    static Path dir;

    private static EmbeddedKafka kafka;
    private static Admin admin;
    private static final InMemorySchemaStore REGISTRY = new InMemorySchemaStore();
    private static final Topics TOPICS = new Topics(REGISTRY, true);

    @BeforeAll
    static void recordAFlow() throws Exception {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        TestFlow.createTopics(admin, TOPICS, 2);
        try (TestFlow flow = new TestFlow(kafka.bootstrapServers(), TOPICS)) {
            flow.market("BTC/USD", at(0));
            flow.market("ETH/USD", at(0));
            flow.assessment("A1", "u1", at(1));
            flow.assessment("A2", "u2", at(1));
            flow.tick("BTC/USD", "65000", "65010", at(2));
            flow.order("o1", "A1", "u1", "BTC/USD", Side.LONG, "0.5", at(3));
            flow.tick("BTC/USD", "66000", "66020", at(4));
            flow.order("o2", "A1", "u1", "BTC/USD", Side.SHORT, "0.5", at(5));
            flow.order("o3", "A2", "u2", "DOGE/EUR", Side.LONG, "1", at(6));
            flow.order("o4", "A2", "u2", "ETH/USD", Side.LONG, "1", at(7));
            flow.flush();
        }
    }

    @AfterAll
    static void stop() {
        admin.close();
        kafka.close();
    }

    @Test
    void shouldFillEveryOrderAtTheTickBeforeItWithTheShadowsSlippage() throws Exception {
        ReplaySummary summary = new Replay(kafka.bootstrapServers(), REGISTRY).run(spec("wide", Instant.EPOCH,
                null, new BigDecimal("0.01")));

        assertThat(summary.results()).isEqualTo(4);
        assertThat(summary.fills()).isEqualTo(2);
        assertThat(summary.rejects()).containsOnly(Map.entry("UNKNOWN_MARKET", 1L), Map.entry("NO_PRICE", 1L));
        // long at ask x 1.01, then short at the next tick's bid x 0.99
        BigDecimal buy = new BigDecimal("65010").multiply(new BigDecimal("1.01"));
        BigDecimal sell = new BigDecimal("66000").multiply(new BigDecimal("0.99"));
        Map<String, OrderResult> results = results("wide");
        assertThat(results.get("o1").getFillPrice()).isEqualByComparingTo(buy);
        assertThat(results.get("o2").getFillPrice()).isEqualByComparingTo(sell);
        assertThat(results.get("o4").getStatus()).isEqualTo(OrderStatus.REJECTED);
        ReplaySummary.AssessmentPnl a1 = summary.byAssessment().get("A1");
        BigDecimal half = new BigDecimal("0.5");
        assertThat(a1.realizedPnl()).isEqualByComparingTo(sell.subtract(buy).multiply(half));
        assertThat(a1.fees()).isEqualByComparingTo(buy.add(sell).multiply(half).multiply(new BigDecimal("0.001")));
        assertThat(summary.render()).contains("rejected NO_PRICE", "A1");

        // The live engine's outputs were never written; the name cannot be reused without --replace.
        assertThat(endOffset(Topics.TRADES) + endOffset(Topics.ORDER_RESULTS) + endOffset("prices-latest")).isZero();
        assertThatThrownBy(() -> new Replay(kafka.bootstrapServers(), REGISTRY).run(spec("wide", Instant.EPOCH,
                null, new BigDecimal("0.01")))).hasMessageContaining("--replace");
    }

    @Test
    void shouldStartFromTheLastTickBeforeTheRangeAndStopAtItsEnd() throws Exception {
        // From just after the second tick to just before o4: o2 opens a short at the seeded tick, o3 is rejected.
        ReplaySummary summary = new Replay(kafka.bootstrapServers(), REGISTRY).run(spec("late", at(4).plusMillis(500),
                at(6).plusMillis(500), new BigDecimal("0.002")));

        assertThat(summary.results()).isEqualTo(2);
        Map<String, OrderResult> results = results("late");
        assertThat(results).containsOnlyKeys("o2", "o3");
        assertThat(results.get("o2").getFillPrice())
                .isEqualByComparingTo(new BigDecimal("66000").multiply(new BigDecimal("0.998")));
        assertThat(results.get("o3").getReason()).isEqualTo("UNKNOWN_MARKET");
    }

    private ReplaySpec spec(String name, Instant from, Instant to, BigDecimal cryptoSlippage) {
        TopologyConfig config = new TopologyConfig(cryptoSlippage, new BigDecimal("0.001"), new BigDecimal("0.002"),
                new BigDecimal("0.002"));
        return new ReplaySpec(name, List.of(), from, to, config, dir.resolve("replay"), true, false, TIMEOUT);
    }

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private static Map<String, OrderResult> results(String name) {
        String topic = "replay." + name + ".order-results";
        Map<String, OrderResult> results = new HashMap<>();
        try (KafkaConsumer<String, OrderResult> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                TOPICS.orderResults.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, OrderResult> record : consumer.poll(Duration.ofMillis(200))) {
                    results.put(record.value().getOrderId(), record.value());
                }
            }
        }
        return results;
    }

    private static long endOffset(String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().values().stream().mapToLong(i -> i.offset()).sum();
    }
}
