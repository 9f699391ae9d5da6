package io.tradingengine.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingengine.avro.Market;
import io.tradingengine.avro.Order;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.embedded.EmbeddedKafka;
import io.tradingengine.schemas.Decimals;
import io.tradingengine.schemas.Topics;
import io.tradingengine.schemas.serde.AvroSerde;
import io.tradingengine.schemas.serde.SchemaRegistryException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kafka-backed registry store on a real embedded broker; each test uses its own schemas topic. */
class KafkaSchemaStoreIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path sharedDir;

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start(sharedDir.resolve("kafka"), 0);
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldCreateTheSchemasTopicCompactedWithOnePartition() throws Exception {
        try (KafkaSchemaStore store = KafkaSchemaStore.start(kafka.bootstrapServers());
                Admin admin = admin()) {
            store.register("prices-value", PriceTick.getClassSchema());

            TopicDescription description = admin.describeTopics(List.of(Topics.SCHEMAS)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(Topics.SCHEMAS);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.SCHEMAS);
            String policy = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG).value();

            assertThat(description.partitions()).hasSize(1);
            assertThat(policy).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }

    @Test
    void shouldServeARegisteredSchemaByIdSubjectVersionAndLookup() {
        try (KafkaSchemaStore store = start("schemas-serve")) {
            SchemaVersion registered = store.registerVersion("prices-value", PriceTick.getClassSchema());

            assertThat(registered.version()).isEqualTo(1);
            assertThat(store.schemaById(registered.id())).isEqualTo(PriceTick.getClassSchema());
            assertThat(store.version("prices-value", 1)).contains(registered);
            assertThat(store.latest("prices-value")).contains(registered);
            assertThat(store.lookup("prices-value", PriceTick.getClassSchema())).contains(registered);
            assertThat(store.idOf("prices-value", PriceTick.getClassSchema())).isEqualTo(registered.id());
            assertThat(store.subjects()).containsExactly("prices-value");
            assertThat(store.subjectsOf(registered.id())).containsExactly("prices-value");
            assertThat(store.registerVersion("prices-value", PriceTick.getClassSchema())).isEqualTo(registered);
            assertThatThrownBy(() -> store.schemaById(registered.id() + 1))
                    .isInstanceOfSatisfying(SchemaRegistryException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(40403));
        }
    }

    @Test
    void shouldGiveTheSameSchemaTheSameIdUnderTwoSubjects() {
        try (KafkaSchemaStore store = start("schemas-shared-id")) {
            // Unrelated schemas under one subject: this test is about ids, not evolution.
            store.setCompatibility(null, CompatibilityLevel.NONE);
            SchemaVersion prices = store.registerVersion("prices-value", PriceTick.getClassSchema());
            SchemaVersion copy = store.registerVersion("prices-copy-value", PriceTick.getClassSchema());
            SchemaVersion markets = store.registerVersion("prices-value", Market.getClassSchema());

            assertThat(copy.id()).isEqualTo(prices.id());
            assertThat(copy.version()).isEqualTo(1);
            assertThat(markets.id()).isNotEqualTo(prices.id());
            assertThat(markets.version()).isEqualTo(2);
            assertThat(store.subjectsOf(prices.id())).containsExactly("prices-copy-value", "prices-value");
        }
    }

    @Test
    void shouldKeepIdsAndVersionsWhenTheStoreIsClosedAndReopened() {
        Map<String, Integer> ids = new HashMap<>();
        try (KafkaSchemaStore store = start("schemas-reopen")) {
            ids.put("prices", store.register("prices-value", PriceTick.getClassSchema()));
            ids.put("markets", store.register("markets-value", Market.getClassSchema()));
        }

        try (KafkaSchemaStore reopened = start("schemas-reopen")) {
            assertThat(reopened.idOf("prices-value", PriceTick.getClassSchema())).isEqualTo(ids.get("prices"));
            assertThat(reopened.schemaById(ids.get("markets"))).isEqualTo(Market.getClassSchema());
            assertThat(reopened.register("markets-value", Market.getClassSchema())).isEqualTo(ids.get("markets"));
            assertThat(reopened.register("orders-value", Order.getClassSchema()))
                    .isEqualTo(Math.max(ids.get("prices"), ids.get("markets")) + 1);
            assertThat(reopened.subjects()).containsExactly("markets-value", "orders-value", "prices-value");
        }
    }

    @Test
    void shouldKeepIdsWhenTheBrokerRestartsOnItsStorage(@TempDir Path dir) {
        int id;
        try (EmbeddedKafka broker = EmbeddedKafka.start(dir, 0);
                KafkaSchemaStore store = KafkaSchemaStore.start(broker.bootstrapServers())) {
            store.register("prices-value", PriceTick.getClassSchema());
            id = store.register("markets-value", Market.getClassSchema());
        }

        try (EmbeddedKafka broker = EmbeddedKafka.start(dir, 0);
                KafkaSchemaStore store = KafkaSchemaStore.start(broker.bootstrapServers())) {
            assertThat(store.idOf("markets-value", Market.getClassSchema())).isEqualTo(id);
            assertThat(store.schemaById(id)).isEqualTo(Market.getClassSchema());
        }
    }

    @Test
    void shouldLetASecondInstanceSeeTheFirstInstancesRegistrations() {
        try (KafkaSchemaStore first = start("schemas-two-instances");
                KafkaSchemaStore second = start("schemas-two-instances")) {
            SchemaVersion prices = first.registerVersion("prices-value", PriceTick.getClassSchema());

            assertThat(second.schemaById(prices.id())).isEqualTo(PriceTick.getClassSchema());
            assertThat(second.version("prices-value", 1)).contains(prices);
            SchemaVersion markets = second.registerVersion("markets-value", Market.getClassSchema());
            assertThat(markets.id()).isNotEqualTo(prices.id());
            assertThat(first.schemaById(markets.id())).isEqualTo(Market.getClassSchema());
            assertThat(second.registerVersion("prices-value", PriceTick.getClassSchema())).isEqualTo(prices);
        }
    }

    @Test
    void shouldAgreeOnIdsWhenTwoInstancesRegisterAtTheSameMoment() throws Exception {
        int rounds = 12;
        String topic = "schemas-race";
        try (KafkaSchemaStore first = start(topic); KafkaSchemaStore second = start(topic)) {
            // Both instances register unrelated schemas under one subject: this test is about ids, not evolution.
            first.setCompatibility(null, CompatibilityLevel.NONE);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CyclicBarrier barrier = new CyclicBarrier(2);
            try {
                Future<List<SchemaVersion>> a = pool.submit(() -> registerInLockstep(first, "a", rounds, barrier));
                Future<List<SchemaVersion>> b = pool.submit(() -> registerInLockstep(second, "b", rounds, barrier));
                List<SchemaVersion> all = new ArrayList<>(a.get(120, TimeUnit.SECONDS));
                all.addAll(b.get(120, TimeUnit.SECONDS));

                assertThat(all).extracting(SchemaVersion::id).doesNotHaveDuplicates();
                assertThat(all).filteredOn(v -> v.subject().equals("race-value"))
                        .extracting(SchemaVersion::version).doesNotHaveDuplicates().hasSize(2 * rounds);
                try (KafkaSchemaStore third = start(topic)) {
                    for (KafkaSchemaStore store : List.of(first, second, third)) {
                        for (SchemaVersion registered : all) {
                            assertThat(store.schemaById(registered.id())).isEqualTo(registered.schema());
                            assertThat(store.version(registered.subject(), registered.version())).contains(registered);
                        }
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void shouldWriteRecordsAKafkaUserRecognisesAsConfluents() throws IOException {
        String topic = "schemas-format";
        int id;
        try (KafkaSchemaStore store = start(topic)) {
            id = store.register("prices-value", PriceTick.getClassSchema());
        }

        List<ConsumerRecord<String, String>> records = readAll(topic);

        assertThat(records).hasSize(1);
        JsonNode key = MAPPER.readTree(records.get(0).key());
        JsonNode value = MAPPER.readTree(records.get(0).value());
        assertThat(key.toString())
                .isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"prices-value\",\"version\":1,\"magic\":1}");
        assertThat(value.get("subject").asText()).isEqualTo("prices-value");
        assertThat(value.get("version").asInt()).isEqualTo(1);
        assertThat(value.get("id").asInt()).isEqualTo(id);
        assertThat(value.has("schemaType")).isFalse();
        assertThat(value.get("deleted").asBoolean()).isFalse();
        assertThat(new Schema.Parser().parse(value.get("schema").asText())).isEqualTo(PriceTick.getClassSchema());
    }

    @Test
    void shouldCarryASerdeRoundTripOnTheStore() {
        try (KafkaSchemaStore writer = start("schemas-serde"); KafkaSchemaStore reader = start("schemas-serde")) {
            AvroSerde<PriceTick> producing = new AvroSerde<>(writer, PriceTick.getClassSchema(), true);
            AvroSerde<PriceTick> consuming = new AvroSerde<>(reader, PriceTick.getClassSchema(), false);
            PriceTick tick = PriceTick.newBuilder().setMarket("SOL/USD").setSource("simulated")
                    .setBid(Decimals.wire(new BigDecimal("142.17"))).setAsk(Decimals.wire(new BigDecimal("142.19")))
                    .setTimestamp(Instant.parse("2025-06-01T00:00:00Z")).build();

            byte[] bytes = producing.serializer().serialize("prices", tick);

            assertThat(consuming.deserializer().deserialize("prices", bytes)).isEqualTo(tick);
        }
    }

    @Test
    void shouldRefuseASchemasTopicThatIsNotCompacted() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("schemas-not-compacted", 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }

        assertThatThrownBy(() -> start("schemas-not-compacted"))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(50001))
                .hasMessageContaining("cleanup.policy");
    }

    private static List<SchemaVersion> registerInLockstep(KafkaSchemaStore store, String who, int rounds,
            CyclicBarrier barrier) throws Exception {
        List<SchemaVersion> registered = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            Schema schema = SchemaBuilder.record("Race_" + who + "_" + i).fields().requiredString("f").endRecord();
            barrier.await(60, TimeUnit.SECONDS);
            registered.add(store.registerVersion("race-value", schema));
            // Half the rounds also race on a subject of their own, where only the ids can collide.
            if (i % 2 == 0) {
                Schema own = SchemaBuilder.record("Own_" + who + "_" + i).fields().requiredLong("g").endRecord();
                registered.add(store.registerVersion("own-" + who + "-value", own));
            }
        }
        return registered;
    }

    private static KafkaSchemaStore start(String topic) {
        return KafkaSchemaStore.start(kafka.bootstrapServers(), topic, Map.of());
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
