package io.tradingengine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingengine.avro.AssetClass;
import io.tradingengine.avro.Market;
import io.tradingengine.avro.MarketStatus;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.schemas.Topics;
import io.tradingengine.schemas.registry.InMemorySchemaStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class PricePublisherTest {

    private final Topics topics = new Topics(new InMemorySchemaStore(), true);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final PricePublisher publisher = new PricePublisher(producer, topics, meters);

    @Test
    void shouldPublishAGoodTickOnPricesKeyedByMarketAtTheWireScale() {
        assertThat(publisher.publish(TickValidatorTest.tick("BTC/USD", "64999.5", "65000.5", "65000"))).isEmpty();

        List<ProducerRecord<String, byte[]>> sent = producer.history();
        assertThat(sent).hasSize(1);
        ProducerRecord<String, byte[]> record = sent.get(0);
        assertThat(record.topic()).isEqualTo(Topics.PRICES);
        assertThat(record.key()).isEqualTo("BTC/USD");
        assertThat(record.headers().lastHeader(Topics.CORRELATION_ID_HEADER)).isNotNull();
        PriceTick decoded = topics.prices.valueSerde().deserializer().deserialize(Topics.PRICES, record.value());
        assertThat(decoded.getBid()).isEqualTo(new BigDecimal("64999.500000000000000000"));
        assertThat(decoded.getAsk().scale()).isEqualTo(18);
        assertThat(decoded.getLast()).isEqualByComparingTo("65000");
        assertThat(decoded.getSource()).isEqualTo("test");
        assertThat(counter("ingest.ticks.published")).isEqualTo(1);
    }

    @Test
    void shouldDropACrossedTickAndCountIt() {
        assertThat(publisher.publish(TickValidatorTest.tick("BTC/USD", "65001", "65000", null)))
                .contains(TickRejection.CROSSED_BOOK);

        assertThat(producer.history()).isEmpty();
        assertThat(meters.get("ingest.ticks.rejected").tag("reason", "CROSSED_BOOK").tag("source", "test")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void shouldDropANonPositivePrice() {
        assertThat(publisher.publish(TickValidatorTest.tick("ETH/USD", null, null, "0")))
                .contains(TickRejection.NON_POSITIVE_PRICE);

        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldDropAPredictionPriceAboveOneByTheMarketIdsVenue() {
        assertThat(publisher.publish(TickValidatorTest.tick("polymarket:123", "0.4", "1.2", null)))
                .contains(TickRejection.PREDICTION_PRICE_ABOVE_ONE);

        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldValidateByTheAssetClassOfThePublishedListing() {
        publisher.publish(market("CUSTOM-EVENT", AssetClass.PREDICTION, MarketStatus.OPEN, null));

        assertThat(publisher.publish(TickValidatorTest.tick("CUSTOM-EVENT", null, null, "1.5")))
                .contains(TickRejection.PREDICTION_PRICE_ABOVE_ONE);
        assertThat(publisher.publish(TickValidatorTest.tick("CUSTOM-EVENT", null, null, "0.5"))).isEmpty();
    }

    @Test
    void shouldPublishAMarketOnMarketsKeyedByMarket() {
        publisher.publish(market("kalshi:INXD", AssetClass.PREDICTION, MarketStatus.OPEN, null));

        ProducerRecord<String, byte[]> record = producer.history().get(0);
        assertThat(record.topic()).isEqualTo(Topics.MARKETS);
        assertThat(record.key()).isEqualTo("kalshi:INXD");
        Market decoded = topics.markets.valueSerde().deserializer().deserialize(Topics.MARKETS, record.value());
        assertThat(decoded.getStatus()).isEqualTo(MarketStatus.OPEN);
        assertThat(decoded.getAssetClass()).isEqualTo(AssetClass.PREDICTION);
    }

    @Test
    void shouldRefuseAResolvedMarketWithoutAYesOrNoOutcome() {
        assertThatThrownBy(() -> publisher.publish(market("kalshi:X", AssetClass.PREDICTION, MarketStatus.RESOLVED,
                null))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outcome");
        publisher.publish(market("kalshi:X", AssetClass.PREDICTION, MarketStatus.RESOLVED, "NO"));

        assertThat(producer.history()).hasSize(1);
    }

    @Test
    void shouldCountASendTheBrokerFailed() {
        MockProducer<String, byte[]> failing =
                new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        PricePublisher failingPublisher = new PricePublisher(failing, topics, meters);

        failingPublisher.publish(TickValidatorTest.tick("BTC/USD", null, null, "65000"));
        failing.errorNext(new TimeoutException("broker away"));

        assertThat(failingPublisher.sendErrors()).isEqualTo(1);
        assertThat(meters.get("ingest.publish.errors").tag("topic", Topics.PRICES).counter().count()).isEqualTo(1);
    }

    private double counter(String name) {
        return meters.get(name).counter().count();
    }

    private static Market market(String id, AssetClass assetClass, MarketStatus status, String outcome) {
        return Market.newBuilder()
                .setMarket(id)
                .setAssetClass(assetClass)
                .setStatus(status)
                .setOutcome(outcome)
                .setUpdatedAt(Instant.parse("2025-03-01T12:00:00Z"))
                .setSource("test")
                .build();
    }
}
