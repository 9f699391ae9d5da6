package io.tradingengine.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static io.tradingengine.topology.EngineFixture.wire;

import io.tradingengine.avro.Assessment;
import io.tradingengine.avro.AssetClass;
import io.tradingengine.avro.Market;
import io.tradingengine.avro.MarketStatus;
import io.tradingengine.avro.Order;
import io.tradingengine.avro.OrderStatus;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.avro.Side;
import io.tradingengine.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Poison records on every input topic go to {@code <topic>-dlq} with the error in headers, and processing goes on.
 */
class DeadLetterTopologyTest {

    private static final String BTC = "BTC/USD";
    private static final byte[] NOT_AVRO = "this is not avro".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path stateDir;

    private EngineFixture engine;

    @BeforeEach
    void setUp() {
        // At-least-once only so the test driver keeps the deserialization handler's dead letters (see EngineFixture).
        engine = new EngineFixture(stateDir, TopologyConfig.defaults(), StreamsConfig.AT_LEAST_ONCE);
        engine.market(BTC, AssetClass.CRYPTO, MarketStatus.OPEN);
        engine.tick(BTC, "64990", "65010", "65000");
        engine.assessment("A1", "u1", "100000");
    }

    @AfterEach
    void tearDown() {
        engine.close();
    }

    @Test
    void shouldSendAnOrderThatCannotBeDeserializedToOrdersDlqWithTheOriginalBytesAndGoOn() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Topics.CORRELATION_ID_HEADER, "corr-7".getBytes(StandardCharsets.UTF_8));
        engine.rawOrders.pipeInput(new TestRecord<>("A1", NOT_AVRO, headers));
        engine.order("o1", "A1", "u1", BTC, Side.LONG, "0.5");

        TestRecord<String, byte[]> dead = engine.ordersDlq.readRecord();
        assertThat(dead.key()).isEqualTo("A1");
        assertThat(dead.value()).isEqualTo(NOT_AVRO);
        assertThat(EngineFixture.header(dead, Topics.CORRELATION_ID_HEADER)).isEqualTo("corr-7");
        assertThat(EngineFixture.header(dead, DeadLetters.EXCEPTION))
                .isEqualTo(SerializationException.class.getName());
        assertThat(EngineFixture.header(dead, DeadLetters.MESSAGE)).contains("not Confluent wire-format Avro");
        assertThat(EngineFixture.header(dead, DeadLetters.STACKTRACE)).contains("AvroDeserializer");
        assertThat(EngineFixture.header(dead, DeadLetters.TOPIC)).isEqualTo("orders");
        assertThat(EngineFixture.header(dead, DeadLetters.PARTITION)).isEqualTo("0");
        assertThat(EngineFixture.header(dead, DeadLetters.OFFSET)).isEqualTo("0");
        assertThat(engine.results.readValue().getStatus()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void shouldSendPoisonRecordsOfEveryInputTopicToItsOwnDeadLetterTopic() {
        engine.rawAssessments.pipeInput("A2", NOT_AVRO);
        engine.rawPrices.pipeInput(BTC, NOT_AVRO);
        engine.rawMarkets.pipeInput(BTC, NOT_AVRO);

        assertThat(engine.assessmentsDlq.readValue()).isEqualTo(NOT_AVRO);
        assertThat(engine.pricesDlq.readValue()).isEqualTo(NOT_AVRO);
        assertThat(engine.marketsDlq.readValue()).isEqualTo(NOT_AVRO);
        assertThat(engine.ordersDlq.isEmpty()).isTrue();
    }

    @Test
    void shouldAnswerAnInvalidOrderAndCopyItToOrdersDlq() {
        engine.order("o1", "A1", "u1", BTC, Side.LONG, "0");

        assertThat(engine.results.readValue().getReason()).isEqualTo("INVALID_ORDER");
        TestRecord<String, byte[]> dead = engine.ordersDlq.readRecord();
        Order copy = engine.topics.orders.valueSerde().deserializer().deserialize(Topics.ORDERS, dead.value());
        assertThat(copy.getOrderId()).isEqualTo("o1");
        assertThat(EngineFixture.header(dead, DeadLetters.EXCEPTION)).isEqualTo(DeadLetters.VALIDATION_FAILURE);
        assertThat(EngineFixture.header(dead, DeadLetters.MESSAGE)).isEqualTo("quantity must be > 0, was 0");
        assertThat(EngineFixture.header(dead, DeadLetters.TOPIC)).isEqualTo("orders");
    }

    @Test
    void shouldSendAnAssessmentWithABadResetZoneToAssessmentsDlq() {
        engine.assessment("A2", "u2", "1000", EngineFixture.rules(null, "Mars/Olympus"));

        TestRecord<String, byte[]> dead = engine.assessmentsDlq.readRecord();
        Assessment copy = engine.topics.assessments.valueSerde().deserializer()
                .deserialize(Topics.ASSESSMENTS, dead.value());
        assertThat(copy.getAssessmentId()).isEqualTo("A2");
        assertThat(EngineFixture.header(dead, DeadLetters.MESSAGE)).startsWith("bad rules: ");
        assertThat(engine.assessmentStore().get("A2")).isNull();
    }

    @Test
    void shouldSendAnInvalidTickToPricesDlqAndKeepTheLastGoodPrice() {
        engine.prices.pipeInput(BTC, EngineFixture.newTick(BTC, "-1", "65010", null));
        engine.prices.pipeInput("ETH/USD", EngineFixture.newTick(BTC, "1", "2", null));

        assertThat(EngineFixture.header(engine.pricesDlq.readRecord(), DeadLetters.MESSAGE))
                .isEqualTo("price must not be negative, was -1");
        assertThat(EngineFixture.header(engine.pricesDlq.readRecord(), DeadLetters.MESSAGE))
                .isEqualTo("record key ETH/USD does not match market BTC/USD");
        PriceTick latest = engine.driver.<String, PriceTick>getKeyValueStore(StoreNames.PRICES).get(BTC);
        assertThat(latest.getBid()).isEqualTo(wire("64990"));
    }

    @Test
    void shouldSendAPredictionPriceAboveOneToPricesDlq() {
        engine.market("kalshi:RAIN", AssetClass.PREDICTION, MarketStatus.OPEN);

        engine.tick("kalshi:RAIN", "0.5", "1.5", null);

        assertThat(EngineFixture.header(engine.pricesDlq.readRecord(), DeadLetters.MESSAGE))
                .isEqualTo("prediction price must be <= 1, was 1.5");
    }

    @Test
    void shouldSendAResolutionWithoutOutcomeToMarketsDlq() {
        engine.market("kalshi:RAIN", AssetClass.PREDICTION, MarketStatus.RESOLVED, null, EngineFixture.START);
        engine.market(BTC, AssetClass.CRYPTO, MarketStatus.CANCELLED, null, EngineFixture.START);

        assertThat(EngineFixture.header(engine.marketsDlq.readRecord(), DeadLetters.MESSAGE))
                .isEqualTo("a RESOLVED market needs the outcome YES or NO, was null");
        assertThat(EngineFixture.header(engine.marketsDlq.readRecord(), DeadLetters.MESSAGE))
                .isEqualTo("only prediction markets can be CANCELLED, BTC/USD is CRYPTO");
        Market btc = engine.driver.<String, Market>getKeyValueStore(StoreNames.MARKETS).get(BTC);
        assertThat(btc.getStatus()).isEqualTo(MarketStatus.OPEN);
    }
}
