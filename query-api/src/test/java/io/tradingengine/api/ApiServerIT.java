package io.tradingengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingengine.api.auth.Tokens;
import io.tradingengine.api.support.EngineTopicsForTests;
import io.tradingengine.avro.AssetClass;
import io.tradingengine.avro.Market;
import io.tradingengine.avro.MarketStatus;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.embedded.EmbeddedKafka;
import io.tradingengine.schemas.Decimals;
import io.tradingengine.schemas.Topics;
import io.tradingengine.schemas.registry.InMemorySchemaStore;
import io.tradingengine.topology.StreamsSettings;
import io.tradingengine.topology.TopologyConfig;
import io.tradingengine.topology.TradingTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API over the real topology on an embedded broker: interactive queries on the real stores, orders through
 * Kafka and back. (The full end-to-end with the sink and PostgreSQL lives in the app module.)
 */
class ApiServerIT {

    private static final String SECRET = "api-server-it-secret-of-at-least-32-bytes";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static EmbeddedKafka kafka;
    private static KafkaStreams streams;
    private static ApiServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String ADMIN = Tokens.mint(SECRET, "root", List.of("admin"), Duration.ofMinutes(10));
    private static final String ALICE = Tokens.mint(SECRET, "alice", List.of("trader"), Duration.ofMinutes(10));
    private static final String MALLORY = Tokens.mint(SECRET, "mallory", List.of("trader"), Duration.ofMinutes(10));

    @BeforeAll
    static void start() throws IOException {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        Topics topics = new Topics(new InMemorySchemaStore(), true);
        EngineTopicsForTests.create(kafka.bootstrapServers(), topics, 3);
        publishReferenceData(topics);
        int port = freePort();
        String self = "127.0.0.1:" + port;
        streams = new KafkaStreams(TradingTopology.build(TopologyConfig.defaults(), topics),
                StreamsSettings.properties("api-it-" + UUID.randomUUID(), kafka.bootstrapServers(),
                        dir.resolve("state").toString(), self));
        streams.start();
        ApiConfig config = ApiConfig.of(SECRET).withApplicationServer(self);
        server = ApiServer.create(new ApiDependencies(config, topics, kafka.bootstrapServers(), streams, null, null,
                null, null, null)).start(port);
        await("/ready", null, r -> r.statusCode() == 200);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (streams != null) {
            streams.close(Duration.ofSeconds(10));
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldTradeThroughKafkaAndReadTheStoresBack() throws IOException {
        String assessmentId = "A-" + UUID.randomUUID();
        HttpResponse<String> created = post("/assessments", ADMIN, "{\"assessmentId\":\"" + assessmentId
                + "\",\"userId\":\"alice\",\"startingBalance\":\"100000\",\"rules\":{\"maxLeverage\":\"2\"}}");
        assertThat(created.statusCode()).as(created.body()).isIn(201, 202);
        JsonNode assessment = JSON.readTree(await("/assessments/" + assessmentId, ALICE,
                r -> r.statusCode() == 200).body());
        assertThat(assessment.get("balance").asText()).isEqualTo("100000");
        await("/prices/BTC/USD", ALICE, r -> r.statusCode() == 200);
        await("/markets", ALICE, r -> r.statusCode() == 200 && r.body().contains("BTC/USD"));

        HttpResponse<String> order = post("/orders", ALICE, "{\"assessmentId\":\"" + assessmentId
                + "\",\"market\":\"BTC/USD\",\"side\":\"long\",\"quantity\":\"0.5\"}");

        assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
        JsonNode fill = JSON.readTree(order.body());
        assertThat(fill.get("status").asText()).isEqualTo("FILLED");
        // Ask 65010 plus 0.1 % slippage; fee 0.1 % of the notional.
        assertThat(fill.get("fillPrice").asText()).isEqualTo("65075.01");
        assertThat(fill.get("fee").asText()).isEqualTo("32.537505");
        String orderId = fill.get("orderId").asText();

        JsonNode stored = JSON.readTree(get("/orders/" + orderId, ALICE).body());
        assertThat(stored.get("tradeId").asText()).isEqualTo(fill.get("tradeId").asText());

        HttpResponse<String> positions = get("/positions?assessmentId=" + assessmentId, ALICE);
        assertThat(positions.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(positions.body());
        assertThat(body.get("balance").asText()).isEqualTo("99967.462495");
        // Marked at the mid 65000: 0.5 x (65000 - 65075.01) = -37.505
        assertThat(body.get("equity").asText()).isEqualTo("99929.957495");
        JsonNode btc = body.get("positions").get(0);
        assertThat(btc.get("quantity").asText()).isEqualTo("0.5");
        assertThat(btc.get("markPrice").asText()).isEqualTo("65000");
        assertThat(btc.get("unrealizedPnl").asText()).isEqualTo("-37.505");
        assertThat(JSON.readTree(get("/assessments/" + assessmentId, ALICE).body()).get("equity").asText())
                .isEqualTo("99929.957495");

        assertThat(get("/positions?assessmentId=" + assessmentId, MALLORY).statusCode()).isEqualTo(404);
        assertThat(get("/orders/" + orderId, MALLORY).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldLetAdminsBrowseTopicsDecodedFromAvro() throws IOException {
        await("/prices/BTC/USD", ALICE, r -> r.statusCode() == 200);

        HttpResponse<String> topics = get("/topics", ADMIN);
        assertThat(topics.statusCode()).as(topics.body()).isEqualTo(200);
        assertThat(topics.body()).contains("\"prices\"").contains("\"orders\"");
        JsonNode offsets = JSON.readTree(get("/topics/prices/offsets?timestamp=2020-01-01T00:00:00Z", ADMIN).body());
        assertThat(offsets.get("offsets").size()).isPositive();

        // The BTC/USD tick sits in one partition of prices: find it by reading every partition from its start.
        boolean found = false;
        for (java.util.Iterator<String> partitions = offsets.get("offsets").fieldNames(); partitions.hasNext(); ) {
            HttpResponse<String> records = get("/topics/prices/partitions/" + partitions.next()
                    + "/records?offset=0&limit=10", ADMIN);
            assertThat(records.statusCode()).as(records.body()).isEqualTo(200);
            found |= records.body().contains("BTC/USD") && records.body().contains("\"bid\"");
        }
        assertThat(found).as("the tick decoded to JSON").isTrue();

        assertThat(get("/topics", ALICE).statusCode()).isEqualTo(403);
        assertThat(get("/topics/no-such-topic/offsets?timestamp=2020-01-01T00:00:00Z", ADMIN).statusCode())
                .isEqualTo(404);
        assertThat(get("/topics/prices/partitions/99/records", ADMIN).statusCode()).isEqualTo(404);
        assertThat(get("/topics/prices/partitions/0/records?limit=0", ADMIN).statusCode()).isEqualTo(400);
        assertThat(get("/topics/prices/offsets?timestamp=yesterday", ADMIN).statusCode()).isEqualTo(400);
    }

    @Test
    void shouldAnswer422ForAnUnknownMarket() throws IOException {
        String assessmentId = "A-" + UUID.randomUUID();
        post("/assessments", ADMIN, "{\"assessmentId\":\"" + assessmentId
                + "\",\"userId\":\"alice\",\"startingBalance\":\"1000\"}");
        await("/assessments/" + assessmentId, ALICE, r -> r.statusCode() == 200);

        HttpResponse<String> order = post("/orders", ALICE, "{\"assessmentId\":\"" + assessmentId
                + "\",\"market\":\"NOPE/USD\",\"side\":\"short\",\"quantity\":1}");

        assertThat(order.statusCode()).as(order.body()).isEqualTo(422);
        assertThat(JSON.readTree(order.body()).get("reason").asText()).isEqualTo("UNKNOWN_MARKET");
    }

    @Test
    void shouldServeMarketsAndPricesFromTheGlobalStores() throws IOException {
        JsonNode price = JSON.readTree(await("/prices/BTC%2FUSD", ALICE, r -> r.statusCode() == 200).body());
        assertThat(price.get("bid").asText()).isEqualTo("64990");
        JsonNode markets = JSON.readTree(await("/markets", ALICE,
                r -> r.statusCode() == 200 && r.body().contains("BTC/USD")).body());
        assertThat(markets.get("markets").get(0).get("status").asText()).isEqualTo("OPEN");
    }

    @Test
    void shouldReportHealthyParts() throws IOException {
        JsonNode health = JSON.readTree(get("/health", null).body());
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.at("/parts/kafka/up").asBoolean()).isTrue();
        assertThat(health.at("/parts/kafka/detail").asText()).isEqualTo("1 broker");
        assertThat(health.at("/parts/streams/detail").asText()).isEqualTo("running");
        String metrics = get("/metrics", null).body();
        // The API's own producer and order-results consumer.
        assertThat(metrics).contains("kafka_producer").contains("kafka_consumer");
    }

    @Test
    void shouldCarryTheCorrelationIdIntoTheOrderRecordAndItsResult() throws IOException {
        String assessmentId = "A-" + UUID.randomUUID();
        post("/assessments", ADMIN, "{\"assessmentId\":\"" + assessmentId
                + "\",\"userId\":\"alice\",\"startingBalance\":\"100000\"}");
        await("/assessments/" + assessmentId, ALICE, r -> r.statusCode() == 200);
        await("/markets", ALICE, r -> r.statusCode() == 200 && r.body().contains("BTC/USD"));
        // The price reaches the global store a commit after the market; the order needs both.
        await("/prices/BTC/USD", ALICE, r -> r.statusCode() == 200);
        String correlationId = "it-" + UUID.randomUUID();

        HttpResponse<String> order = send(request("/orders", ALICE).header("X-Correlation-ID", correlationId)
                .POST(HttpRequest.BodyPublishers.ofString("{\"assessmentId\":\"" + assessmentId
                        + "\",\"market\":\"BTC/USD\",\"side\":\"short\",\"quantity\":\"0.1\"}")));

        assertThat(order.statusCode()).as(order.body()).isIn(201, 202);
        assertThat(order.headers().firstValue("X-Correlation-ID")).hasValue(correlationId);
        String orderId = JSON.readTree(order.body()).get("orderId").asText();
        assertThat(headerOf(Topics.ORDERS, assessmentId, orderId)).isEqualTo(correlationId);
        assertThat(headerOf(Topics.ORDER_RESULTS, assessmentId, orderId)).isEqualTo(correlationId);
    }

    /** The correlation-id header of the record of {@code orderId} (key {@code assessmentId}) on {@code topic}. */
    private static String headerOf(String topic, String assessmentId, String orderId) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "header-reader-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    // The order id is in the value; the key narrows the search to the assessment.
                    Header header = record.headers().lastHeader(Topics.CORRELATION_ID_HEADER);
                    if (assessmentId.equals(record.key()) && header != null
                            && new String(record.value(), StandardCharsets.ISO_8859_1).contains(orderId)) {
                        return new String(header.value(), StandardCharsets.UTF_8);
                    }
                }
            }
        }
        throw new AssertionError("no record of order " + orderId + " with a correlation id on " + topic);
    }

    private static void publishReferenceData(Topics topics) {
        Instant now = Instant.now();
        Market market = Market.newBuilder().setMarket("BTC/USD").setAssetClass(AssetClass.CRYPTO)
                .setStatus(MarketStatus.OPEN).setUpdatedAt(now).setSource("test").build();
        PriceTick tick = PriceTick.newBuilder().setMarket("BTC/USD").setSource("test")
                .setBid(wire("64990")).setAsk(wire("65010")).setLast(wire("65000")).setTimestamp(now).build();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.MARKETS, "BTC/USD",
                    topics.markets.valueSerde().serializer().serialize(Topics.MARKETS, market)));
            producer.send(new ProducerRecord<>(Topics.PRICES, "BTC/USD",
                    topics.prices.valueSerde().serializer().serialize(Topics.PRICES, tick)));
            producer.flush();
        }
    }

    private static BigDecimal wire(String value) {
        return Decimals.wire(new BigDecimal(value));
    }

    private static HttpResponse<String> await(String path, String token, Predicate<HttpResponse<String>> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> last = get(path, token);
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(path + " still answers " + last.statusCode() + " " + last.body());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            last = get(path, token);
        }
        return last;
    }

    private static HttpResponse<String> get(String path, String token) {
        return send(request(path, token).GET());
    }

    private static HttpResponse<String> post(String path, String token, String body) {
        return send(request(path, token).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
