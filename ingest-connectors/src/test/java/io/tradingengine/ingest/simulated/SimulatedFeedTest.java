package io.tradingengine.ingest.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingengine.avro.AssetClass;
import io.tradingengine.avro.Market;
import io.tradingengine.avro.MarketStatus;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.ingest.ConnectorState;
import io.tradingengine.ingest.PricePublisher;
import io.tradingengine.schemas.Topics;
import io.tradingengine.schemas.registry.InMemorySchemaStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatedFeedTest {

    private final Topics topics = new Topics(new InMemorySchemaStore(), true);
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final PricePublisher publisher = new PricePublisher(producer, topics, new SimpleMeterRegistry());
    private final SimulatedFeed feed = new SimulatedFeed(publisher, SimulatedMarket.defaults(),
            Duration.ofMillis(10), new Random(1), Clock.systemUTC());

    @AfterEach
    void stopFeed() {
        feed.stop();
    }

    @Test
    void shouldListEveryMarketAsOpenBeforeTheFirstTick() {
        feed.start();

        List<ProducerRecord<String, byte[]>> first = producer.history().subList(0, 5);
        assertThat(first).allMatch(record -> record.topic().equals(Topics.MARKETS));
        List<Market> markets = first.stream()
                .map(record -> topics.markets.valueSerde().deserializer().deserialize(Topics.MARKETS, record.value()))
                .collect(Collectors.toList());
        assertThat(markets).extracting(Market::getMarket).containsExactly("BTC/USD", "ETH/USD", "SOL/USD",
                "kalshi:INXD-SIM", "polymarket:sim-election-yes");
        assertThat(markets).allMatch(market -> market.getStatus() == MarketStatus.OPEN);
        assertThat(markets).allMatch(market -> "simulated".equals(market.getSource()));
        assertThat(markets).extracting(Market::getAssetClass).containsExactly(AssetClass.CRYPTO, AssetClass.CRYPTO,
                AssetClass.CRYPTO, AssetClass.PREDICTION, AssetClass.PREDICTION);
    }

    @Test
    void shouldPublishTicksForEveryMarketRepeatedly() {
        feed.start();

        await(() -> ticks().size() >= 5 * 10);

        List<PriceTick> ticks = ticks();
        for (SimulatedMarket market : SimulatedMarket.defaults()) {
            List<PriceTick> ofMarket = ticks.stream().filter(tick -> tick.getMarket().equals(market.market()))
                    .collect(Collectors.toList());
            assertThat(ofMarket).as(market.market()).hasSizeGreaterThanOrEqualTo(5);
            assertThat(ofMarket).allMatch(tick -> tick.getSource().equals("simulated")
                    && tick.getBid().compareTo(tick.getAsk()) < 0 && tick.getBid().signum() > 0);
        }
        assertThat(feed.health().state()).isEqualTo(ConnectorState.RUNNING);
        assertThat(feed.health().ticksPublished()).isGreaterThanOrEqualTo(50);
        assertThat(feed.health().isHealthy(Instant.now(), Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void shouldStopTickingWhenStopped() {
        feed.start();
        await(() -> ticks().size() >= 5);

        feed.stop();
        int afterStop = producer.history().size();

        assertThat(feed.health().state()).isEqualTo(ConnectorState.STOPPED);
        assertThat(feed.health().isHealthy(Instant.now(), Duration.ofSeconds(5))).isFalse();
        // The executor has terminated: no tick can arrive any more.
        assertThat(producer.history()).hasSize(afterStop);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().equals("simulated-feed")
                && thread.isAlive());
    }

    @Test
    void shouldStartOnlyOnce() {
        feed.start();

        assertThatThrownBy(feed::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldBeNamedSimulated() {
        assertThat(feed.name()).isEqualTo("simulated");
        assertThat(feed.health().state()).isEqualTo(ConnectorState.NEW);
    }

    private List<PriceTick> ticks() {
        return producer.history().stream()
                .filter(record -> record.topic().equals(Topics.PRICES))
                .map(record -> topics.prices.valueSerde().deserializer().deserialize(Topics.PRICES, record.value()))
                .collect(Collectors.toList());
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}
