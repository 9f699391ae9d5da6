package io.tradingengine.ingest.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingengine.avro.Market;
import io.tradingengine.avro.MarketStatus;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.embedded.EmbeddedKafka;
import io.tradingengine.ingest.ConnectorState;
import io.tradingengine.ingest.PricePublisher;
import io.tradingengine.schemas.Topics;
import io.tradingengine.schemas.registry.InMemorySchemaStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated feed on the real embedded Kafka broker: markets and ticks arrive and decode. */
class SimulatedFeedIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path kafkaDir;

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = EmbeddedKafka.start(kafkaDir, 0);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()))) {
            admin.createTopics(List.of(
                    new NewTopic(Topics.PRICES, 3, (short) 1),
                    new NewTopic(Topics.MARKETS, 1, (short) 1)
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get();
        }
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void shouldPublishOpenMarketsAndTicksThatAConsumerDecodes() {
        Topics topics = new Topics(new InMemorySchemaStore(), true);
        List<Market> markets = new ArrayList<>();
        List<PriceTick> ticks = new ArrayList<>();
        Set<String> expected = SimulatedMarket.defaults().stream().map(SimulatedMarket::market)
                .collect(Collectors.toSet());

        try (PricePublisher publisher = PricePublisher.create(kafka.bootstrapServers(), topics,
                new SimpleMeterRegistry());
                SimulatedFeed feed = new SimulatedFeed(publisher, SimulatedMarket.defaults(), Duration.ofMillis(50),
                        new Random(17), Clock.systemUTC());
                KafkaConsumer<String, byte[]> consumer = consumer()) {
            feed.start();
            consumer.subscribe(List.of(Topics.MARKETS, Topics.PRICES));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!(markets.size() >= expected.size() && everyMarketTicked(ticks, expected, 3))) {
                assertThat(System.nanoTime()).as("markets and ticks within %s", TIMEOUT).isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.topic().equals(Topics.MARKETS)) {
                        markets.add(topics.markets.valueSerde().deserializer().deserialize(record.topic(),
                                record.headers(), record.value()));
                    } else {
                        PriceTick tick = topics.prices.valueSerde().deserializer().deserialize(record.topic(),
                                record.headers(), record.value());
                        assertThat(record.key()).isEqualTo(tick.getMarket());
                        assertThat(record.headers().lastHeader(Topics.CORRELATION_ID_HEADER)).isNotNull();
                        ticks.add(tick);
                    }
                }
            }
            assertThat(feed.health().state()).isEqualTo(ConnectorState.RUNNING);
        }

        assertThat(markets).extracting(Market::getMarket).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(markets).allMatch(market -> market.getStatus() == MarketStatus.OPEN);
        assertThat(ticks).allMatch(tick -> tick.getSource().equals(SimulatedFeed.SOURCE));
        assertThat(ticks).allMatch(tick -> tick.getBid().scale() == 18 && tick.getBid().signum() > 0
                && tick.getBid().compareTo(tick.getAsk()) < 0);
        assertThat(ticks).filteredOn(tick -> tick.getMarket().contains(":"))
                .allMatch(tick -> tick.getAsk().compareTo(BigDecimal.ONE) < 0);
        assertThat(ticks).filteredOn(tick -> tick.getMarket().equals("BTC/USD"))
                .allMatch(tick -> tick.getLast().compareTo(new BigDecimal("50000")) > 0);
    }

    private static boolean everyMarketTicked(List<PriceTick> ticks, Set<String> markets, int times) {
        Map<String, Long> counts = ticks.stream().collect(Collectors.groupingBy(PriceTick::getMarket,
                Collectors.counting()));
        return markets.stream().allMatch(market -> counts.getOrDefault(market, 0L) >= times);
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "simulated-feed-it");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
