package io.tradingengine.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingengine.api.auth.Tokens;
import io.tradingengine.avro.AssetClass;
import io.tradingengine.avro.Market;
import io.tradingengine.avro.MarketStatus;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.avro.Trade;
import io.tradingengine.avro.TradeKind;
import io.tradingengine.embedded.EmbeddedKafka;
import io.tradingengine.embedded.EmbeddedPostgres;
import io.tradingengine.embedded.EmbeddedRedis;
import io.tradingengine.embedded.Ports;
import io.tradingengine.ingest.PricePublisher;
import io.tradingengine.schemas.Decimals;
import io.tradingengine.schemas.Topics;
import io.tradingengine.schemas.serde.CachedSchemaRegistryClient;
import io.tradingengine.schemas.serde.HttpSchemaRegistryClient;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton end to end on the real embedded runtime: a Kafka broker in-process, PostgreSQL and Redis.
 * An admin creates an assessment over REST, a trader places an order over REST and gets FILLED at the DESIGN.md
 * price and fee, reads the position over REST, and the trade row reaches PostgreSQL through the sink. Then the
 * engine is restarted on the same broker and state and still has the assessment and position. A price tick that
 * breaches an assessment's drawdown fails it, liquidates it and blocks later orders, without any order arriving;
 * a tick reaches every partition of the assessment desk exactly once and fails the holders on all of them.
 */
class EngineIT {

    private static final String SECRET = "it-secret-it-secret-it-secret-it-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    private static EmbeddedKafka kafka;
    private static EmbeddedPostgres postgres;
    private static EmbeddedRedis redis;
    private static Engine engine;
    private static EngineConfig config;
    private static Engine.Services services;
    private static int httpPort;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startRuntime() throws Exception {
        kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), 0);
        postgres = EmbeddedPostgres.start(dataDir.resolve("postgres"), 0);
        redis = EmbeddedRedis.start(0);
        config = EngineConfig.fromEnvironment(Map.of(EngineConfig.DATA_DIR, dataDir.toString(),
                EngineConfig.APPLICATION_ID, "engine-it", EngineConfig.TOPIC_PARTITIONS, "3"));
        services = new Engine.Services(kafka.bootstrapServers(), null, postgres.postgresUrl(), redis.url(), SECRET,
                (short) 1, false);
        httpPort = Ports.freeOr(0);
        engine = startEngine();
        publish("BTC/USD", "64990", "65010");
        publish("ETH/USD", "3199", "3201");
    }

    @AfterAll
    static void stopRuntime() {
        for (AutoCloseable closeable : new AutoCloseable[] {engine, redis, postgres, kafka}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // best effort
            }
        }
    }

    private static Engine startEngine() throws InterruptedException {
        // The ingest role is left out: the test publishes its own prices so the fill price is known.
        Engine started = Engine.start(config, services, EnumSet.of(Role.STREAMS, Role.API, Role.SINK), httpPort);
        assertThat(started.awaitRunning(Duration.ofSeconds(90))).as("streams RUNNING").isTrue();
        return started;
    }

    /** Lists the market as OPEN and publishes one tick, as a market-data connector would. */
    private static void publish(String market, String bid, String ask) {
        Topics topics = new Topics(new CachedSchemaRegistryClient(new HttpSchemaRegistryClient(
                "http://127.0.0.1:" + httpPort + "/registry", () -> Tokens.mint(SECRET, "it-admin",
                List.of("admin"), Duration.ofHours(1)), HttpSchemaRegistryClient.DEFAULT_TIMEOUT)), true);
        try (PricePublisher publisher = PricePublisher.create(kafka.bootstrapServers(), topics,
                new SimpleMeterRegistry())) {
            publisher.publish(Market.newBuilder().setMarket(market).setAssetClass(AssetClass.CRYPTO)
                    .setStatus(MarketStatus.OPEN).setUpdatedAt(Instant.now()).build());
            BigDecimal bidPrice = new BigDecimal(bid);
            BigDecimal askPrice = new BigDecimal(ask);
            publisher.publish(PriceTick.newBuilder().setMarket(market).setSource("it")
                    .setBid(Decimals.wire(bidPrice)).setAsk(Decimals.wire(askPrice))
                    .setLast(Decimals.wire(bidPrice.add(askPrice).divide(BigDecimal.valueOf(2))))
                    .setTimestamp(Instant.now()).build());
            publisher.flush();
        }
    }

    @Test
    void shouldFailAnAssessmentOnAPriceTickLiquidateItAndRejectLaterOrders() throws Exception {
        String admin = Tokens.mint(SECRET, "admin", List.of("admin"), Duration.ofHours(1));
        String trader = Tokens.mint(SECRET, "trader-2", List.of("trader"), Duration.ofHours(1));
        HttpResponse<String> created = post("/assessments", admin, "{\"assessmentId\":\"it-breach\",\"userId\":"
                + "\"trader-2\",\"startingBalance\":\"100000\",\"rules\":{\"maxDrawdownPercent\":\"1\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        awaitOk("/prices/ETH/USD", trader);

        // 10 ETH long at ~3204; a fall to ~3000 loses ~2,040 > 1 % of 100,000: a breach without any order
        String order = "{\"assessmentId\":\"it-breach\",\"market\":\"ETH/USD\",\"side\":\"long\","
                + "\"quantity\":\"10\"}";
        HttpResponse<String> filled = post("/orders", trader, order, "breach-order-1");
        assertThat(filled.statusCode()).as(filled.body()).isEqualTo(201);
        String orderId = JSON.readTree(filled.body()).get("orderId").asText();

        publish("ETH/USD", "2999", "3001");

        JsonNode failed = awaitAssessmentStatus("it-breach", trader, "FAILED");
        assertThat(failed.get("reason").asText()).isEqualTo("MAX_DRAWDOWN");
        JsonNode positions = JSON.readTree(awaitOk("/positions?assessmentId=it-breach", trader).body());
        for (JsonNode position : positions.get("positions")) {
            assertThat(new BigDecimal(position.get("quantity").asText())).as("liquidated").isZero();
        }

        HttpResponse<String> blocked = post("/orders", trader, order.replace("\"10\"", "\"1\""));
        assertThat(blocked.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(blocked.body()).get("reason").asText()).isEqualTo("ASSESSMENT_NOT_ACTIVE");

        // The same order again (same Idempotency-Key, so the same order id) gets its first result: no second fill.
        HttpResponse<String> again = post("/orders", trader, order, "breach-order-1");
        assertThat(JSON.readTree(again.body()).get("orderId").asText()).isEqualTo(orderId);
        assertThat(JSON.readTree(again.body()).get("status").asText()).isEqualTo("FILLED");

        List<Trade> trades = readTrades("it-breach", 2);
        assertThat(trades).extracting(Trade::getKind).containsExactly(TradeKind.FILL, TradeKind.LIQUIDATION);
        assertThat(trades.get(0).getOrderId()).isEqualTo(orderId);
    }

    @Test
    void shouldBroadcastATickOnceToEveryPartitionAndFailTheHoldersOnAllOfThem() throws Exception {
        String admin = Tokens.mint(SECRET, "admin", List.of("admin"), Duration.ofHours(1));
        String trader = Tokens.mint(SECRET, "trader-3", List.of("trader"), Duration.ofHours(1));
        publish("SOL/USD", "149.9", "150.1");
        awaitOk("/prices/SOL/USD", trader);
        List<String> ids = new ArrayList<>();
        Set<Integer> partitionsOfHolders = new TreeSet<>();
        for (int i = 0; i < 9; i++) {
            String id = "it-fan-" + i;
            ids.add(id);
            // The default partitioner's choice for the key: the assessments must sit on all three partitions.
            partitionsOfHolders.add(Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % 3);
            HttpResponse<String> created = post("/assessments", admin, "{\"assessmentId\":\"" + id + "\","
                    + "\"userId\":\"trader-3\",\"startingBalance\":\"100000\",\"rules\":{\"maxDrawdownPercent\":\"1\"}}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            HttpResponse<String> filled = post("/orders", trader, "{\"assessmentId\":\"" + id + "\","
                    + "\"market\":\"SOL/USD\",\"side\":\"long\",\"quantity\":\"100\"}");
            assertThat(filled.statusCode()).as(filled.body()).isEqualTo(201);
        }
        assertThat(partitionsOfHolders).as("holders on every partition").containsExactly(0, 1, 2);
        String fanout = "engine-it-tick-fanout-repartition";
        Map<TopicPartition, Long> before;
        try (KafkaConsumer<String, byte[]> consumer = rawConsumer()) {
            before = consumer.endOffsets(List.of(0, 1, 2).stream().map(p -> new TopicPartition(fanout, p)).toList());
        }

        // SOL falls 20 %: 100 SOL lose ~3,000, beyond 1 % of 100,000, on every holder at once.
        publish("SOL/USD", "119.9", "120.1");

        for (String id : ids) {
            assertThat(awaitAssessmentStatus(id, trader, "FAILED").get("reason").asText()).isEqualTo("MAX_DRAWDOWN");
        }
        Map<Integer, Integer> copies = new TreeMap<>();
        try (KafkaConsumer<String, byte[]> consumer = rawConsumer()) {
            consumer.assign(before.keySet());
            before.forEach(consumer::seek);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline && copies.values().stream().mapToInt(Integer::intValue).sum() < 3) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if ("SOL/USD".equals(record.key())) {
                        copies.merge(record.partition(), 1, Integer::sum);
                    }
                }
            }
            consumer.poll(Duration.ofMillis(500)).forEach(record -> copies.merge(record.partition(), 1, Integer::sum));
        }
        assertThat(copies).as("one copy of the tick per partition").isEqualTo(Map.of(0, 1, 1, 1, 2, 1));
        for (String id : ids) {
            assertThat(readTrades(id, 2)).extracting(Trade::getKind)
                    .containsExactly(TradeKind.FILL, TradeKind.LIQUIDATION);
        }
    }

    private static KafkaConsumer<String, byte[]> rawConsumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    /** Every committed trade of one assessment, read from the start of the topic, waiting for at least n. */
    private static List<Trade> readTrades(String assessmentId, int atLeast) {
        Topics topics = new Topics(new CachedSchemaRegistryClient(new HttpSchemaRegistryClient(
                "http://127.0.0.1:" + httpPort + "/registry", () -> Tokens.mint(SECRET, "it-admin",
                List.of("admin"), Duration.ofHours(1)), HttpSchemaRegistryClient.DEFAULT_TIMEOUT)), false);
        List<Trade> trades = new ArrayList<>();
        try (KafkaConsumer<String, Trade> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), topics.trades.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.TRADES).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Trade> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().equals(assessmentId)) {
                        trades.add(record.value());
                    }
                }
                if (trades.size() >= atLeast && consumer.assignment().stream()
                        .allMatch(tp -> consumer.position(tp) >= consumer.endOffsets(List.of(tp)).get(tp))) {
                    break;
                }
            }
        }
        return trades;
    }

    private static JsonNode awaitAssessmentStatus(String id, String token, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode body = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = get("/assessments/" + id, token);
            if (response.statusCode() == 200) {
                body = JSON.readTree(response.body());
                if (body.get("status").asText().equals(status)) {
                    return body;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("assessment " + id + " did not become " + status + "; last: " + body);
    }

    @Test
    void shouldFillAnOrderPlacedOverRestAndKeepItAcrossARestart() throws Exception {
        String admin = Tokens.mint(SECRET, "admin", List.of("admin"), Duration.ofHours(1));
        String trader = Tokens.mint(SECRET, "trader-1", List.of("trader"), Duration.ofHours(1));

        HttpResponse<String> created = post("/assessments", admin, "{\"assessmentId\":\"it-1\",\"userId\":"
                + "\"trader-1\",\"startingBalance\":\"100000\",\"rules\":{\"maxDrawdownPercent\":\"10\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        awaitPrice(trader);
        HttpResponse<String> order = post("/orders", trader,
                "{\"assessmentId\":\"it-1\",\"market\":\"BTC/USD\",\"side\":\"long\",\"quantity\":\"0.5\"}");
        assertThat(order.statusCode()).as(order.body()).isEqualTo(201);
        JsonNode result = JSON.readTree(order.body());
        assertThat(result.get("status").asText()).isEqualTo("FILLED");
        // long fills at ask x (1 + 0.001); fee = 0.5 x price x 0.001
        BigDecimal price = new BigDecimal("65010").multiply(new BigDecimal("1.001"));
        assertThat(new BigDecimal(result.get("fillPrice").asText())).isEqualByComparingTo(price);
        assertThat(new BigDecimal(result.get("fee").asText()))
                .isEqualByComparingTo(price.multiply(new BigDecimal("0.5")).multiply(new BigDecimal("0.001")));
        String tradeId = result.get("tradeId").asText();

        assertPosition(trader, price);

        HttpResponse<String> rejected = post("/orders", trader,
                "{\"assessmentId\":\"it-1\",\"market\":\"DOGE/EUR\",\"side\":\"long\",\"quantity\":\"1\"}");
        assertThat(rejected.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(rejected.body()).get("reason").asText()).isEqualTo("UNKNOWN_MARKET");

        assertThat(awaitTradeRow(tradeId)).as("trade row in PostgreSQL").isTrue();
        HttpResponse<String> trades = get("/trades?assessmentId=it-1", trader);
        assertThat(trades.statusCode()).isEqualTo(200);
        assertThat(trades.body()).contains(tradeId);

        engine.close();
        engine = startEngine();
        assertPosition(trader, price);
        HttpResponse<String> assessment = get("/assessments/it-1", trader);
        assertThat(assessment.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(assessment.body()).get("userId").asText()).isEqualTo("trader-1");
    }

    private static void assertPosition(String trader, BigDecimal price) throws Exception {
        HttpResponse<String> positions = awaitOk("/positions?assessmentId=it-1", trader);
        JsonNode body = JSON.readTree(positions.body());
        JsonNode position = body.get("positions").get(0);
        assertThat(position.get("market").asText()).isEqualTo("BTC/USD");
        assertThat(new BigDecimal(position.get("quantity").asText())).isEqualByComparingTo("0.5");
        assertThat(new BigDecimal(position.get("averageEntryPrice").asText())).isEqualByComparingTo(price);
    }

    private static void awaitPrice(String token) throws Exception {
        awaitOk("/prices/BTC/USD", token);
    }

    /** Bounded polling: the API answers 503 while streams restore after a restart. */
    private static HttpResponse<String> awaitOk(String path, String token) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> response = get(path, token);
        while (response.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            response = get(path, token);
        }
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response;
    }

    private static boolean awaitTradeRow(String tradeId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "");
             PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM trades WHERE trade_id = ?")) {
            select.setString(1, tradeId);
            while (System.nanoTime() < deadline) {
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    if (rows.getInt(1) == 1) {
                        return true;
                    }
                }
                Thread.sleep(100);
            }
        }
        return false;
    }

    private static HttpResponse<String> post(String path, String token, String body) throws Exception {
        return post(path, token, body, null);
    }

    private static HttpResponse<String> post(String path, String token, String body, String idempotencyKey)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
