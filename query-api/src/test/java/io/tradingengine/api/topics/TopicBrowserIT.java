package io.tradingengine.api.topics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingengine.avro.AssetClass;
import io.tradingengine.avro.Side;
import io.tradingengine.avro.Trade;
import io.tradingengine.avro.TradeKind;
import io.tradingengine.embedded.EmbeddedKafka;
import io.tradingengine.schemas.Decimals;
import io.tradingengine.schemas.Topics;
import io.tradingengine.schemas.registry.InMemorySchemaStore;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topic browser on the embedded broker: Avro to JSON with key, headers, timestamp and offset. */
class TopicBrowserIT {

    private static final String TOPIC = "browse-trades";
    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

    @TempDir
    static Path dir;

    private static EmbeddedKafka kafka;
    private static InMemorySchemaStore registry;
    private static TopicBrowser browser;

    @BeforeAll
    static void produce() throws Exception {
        kafka = EmbeddedKafka.start(dir, 0);
        registry = new InMemorySchemaStore();
        Topics topics = new Topics(registry, true);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < 5; i++) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, 0, T0.plusSeconds(60L * i)
                        .toEpochMilli(), "A1", topics.trades.valueSerde().serializer().serialize(TOPIC, trade(i)));
                record.headers().add(Topics.CORRELATION_ID_HEADER, ("c-" + i).getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
            producer.send(new ProducerRecord<>(TOPIC, 0, T0.plusSeconds(600).toEpochMilli(), "A1",
                    "not avro".getBytes(StandardCharsets.UTF_8)));
            producer.send(new ProducerRecord<>(TOPIC, 0, T0.plusSeconds(660).toEpochMilli(), "A1",
                    new byte[] {(byte) 0xff, (byte) 0xfe}));
        }
        browser = new TopicBrowser(kafka.bootstrapServers(), registry);
    }

    @AfterAll
    static void stop() {
        browser.close();
        kafka.close();
    }

    @Test
    void shouldDecodeAvroValuesToJsonWithKeyHeadersTimestampAndOffset() {
        List<BrowsedRecord> records = browser.records(TOPIC, 0, 1, 2);

        assertThat(records).extracting(BrowsedRecord::offset).containsExactly(1L, 2L);
        BrowsedRecord first = records.get(0);
        assertThat(first.key()).isEqualTo("A1");
        assertThat(first.timestamp()).isEqualTo(T0.plusSeconds(60));
        assertThat(first.headers()).containsExactly(new BrowsedRecord.Header("correlation-id", "c-1"));
        assertThat(first.schemaId()).isNotNull();
        assertThat(first.error()).isNull();
        JsonNode value = first.value();
        assertThat(value.get("tradeId").asText()).isEqualTo("T-1");
        assertThat(value.get("orderId").isNull()).isTrue();
        assertThat(value.get("price").asText()).isEqualTo("65065.000000000000000001");
        assertThat(value.get("kind").asText()).isEqualTo("FILL");
        assertThat(value.get("executedAt").asText()).isEqualTo("2025-03-01T12:01:00Z");
    }

    @Test
    void shouldShowOtherValuesAsTextOrBase64AndStopAtTheEnd() {
        List<BrowsedRecord> records = browser.records(TOPIC, 0, 5, 100);

        assertThat(records).hasSize(2);
        assertThat(records.get(0).value().asText()).isEqualTo("not avro");
        assertThat(records.get(0).schemaId()).isNull();
        assertThat(records.get(1).value().asText()).isEqualTo("//4=");
        assertThat(records.get(1).error()).contains("base64");
    }

    @Test
    void shouldListTopicsWithTheirOffsetRangesAndFindOffsetsByTime() throws Exception {
        assertThat(browser.listTopics()).anySatisfy(topic -> {
            assertThat(topic.name()).isEqualTo(TOPIC);
            assertThat(topic.internal()).isFalse();
            assertThat(topic.partitions()).containsExactly(new TopicSummary.PartitionRange(0, 0, 7));
        });
        assertThat(browser.offsetsForTimestamp(TOPIC, T0.plusSeconds(150))).containsExactly(Map.entry(0, 3L));
        assertThat(browser.offsetsForTimestamp(TOPIC, T0.plusSeconds(6000))).containsExactly(Map.entry(0, 7L));
    }

    private static Trade trade(int i) {
        return Trade.newBuilder().setTradeId("T-" + i).setOrderId(null).setAssessmentId("A1").setUserId("u")
                .setMarket("BTC/USD").setAssetClass(AssetClass.CRYPTO).setSide(Side.LONG)
                .setQuantity(Decimals.wire(BigDecimal.ONE))
                .setPrice(Decimals.wire(new BigDecimal("65065.000000000000000001")))
                .setFee(Decimals.wire(BigDecimal.ONE)).setRealizedPnl(Decimals.wire(BigDecimal.ZERO))
                .setKind(TradeKind.FILL).setExecutedAt(T0.plusSeconds(60L * i)).build();
    }
}
