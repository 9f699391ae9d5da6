package io.tradingengine.app.replay;

import io.tradingengine.avro.AssetClass;
import io.tradingengine.avro.Assessment;
import io.tradingengine.avro.Market;
import io.tradingengine.avro.MarketStatus;
import io.tradingengine.avro.Order;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.avro.Rules;
import io.tradingengine.avro.Side;
import io.tradingengine.schemas.Decimals;
import io.tradingengine.schemas.Topic;
import io.tradingengine.schemas.Topics;
import io.tradingengine.topology.EngineTopics;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes the engine's inputs for the replay tests: markets, ticks, assessments and orders at given times. */
final class TestFlow implements AutoCloseable {

    private final Topics topics;
    private final KafkaProducer<String, byte[]> producer;

    TestFlow(String bootstrapServers, Topics topics) {
        this.topics = topics;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Creates the engine's topics, as the application does at start. */
    static void createTopics(Admin admin, Topics topics, int partitions) throws Exception {
        List<Topic<String, ?>> all = new ArrayList<>(topics.all());
        all.addAll(new EngineTopics(topics).all());
        admin.createTopics(all.stream().map(topic -> new NewTopic(topic.name(), Optional.of(partitions),
                Optional.empty())).toList()).all().get(60, TimeUnit.SECONDS);
    }

    void market(String market, Instant at) {
        send(topics.markets, market, Market.newBuilder().setMarket(market).setAssetClass(AssetClass.CRYPTO)
                .setStatus(MarketStatus.OPEN).setUpdatedAt(at).build(), at);
    }

    void tick(String market, String bid, String ask, Instant at) {
        BigDecimal b = new BigDecimal(bid);
        BigDecimal a = new BigDecimal(ask);
        send(topics.prices, market, PriceTick.newBuilder().setMarket(market).setSource("test")
                .setBid(Decimals.wire(b)).setAsk(Decimals.wire(a))
                .setLast(Decimals.wire(b.add(a).divide(BigDecimal.valueOf(2)))).setTimestamp(at).build(), at);
    }

    void assessment(String assessmentId, String userId, Instant at) {
        send(topics.assessments, assessmentId, Assessment.newBuilder().setAssessmentId(assessmentId)
                .setUserId(userId).setStartingBalance(Decimals.wire(new BigDecimal("100000")))
                .setRules(Rules.newBuilder().build()).setCreatedAt(at).build(), at);
    }

    void order(String orderId, String assessmentId, String userId, String market, Side side, String quantity,
               Instant at) {
        send(topics.orders, assessmentId, Order.newBuilder().setOrderId(orderId).setAssessmentId(assessmentId)
                .setUserId(userId).setMarket(market).setSide(side)
                .setQuantity(Decimals.wire(new BigDecimal(quantity))).setSubmittedAt(at).build(), at);
    }

    void flush() {
        producer.flush();
    }

    private <V extends SpecificRecord> void send(Topic<String, V> topic, String key, V value, Instant at) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic.name(), null, at.toEpochMilli(), key,
                topic.valueSerde().serializer().serialize(topic.name(), value));
        record.headers().add(Topics.CORRELATION_ID_HEADER, key.getBytes(StandardCharsets.UTF_8));
        producer.send(record);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
