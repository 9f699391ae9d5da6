package io.tradingengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingengine.api.auth.Tokens;
import io.tradingengine.api.http.Forwarder;
import io.tradingengine.api.support.EngineTopicsForTests;
import io.tradingengine.api.support.Ports;
import io.tradingengine.avro.AssetClass;
import io.tradingengine.avro.Market;
import io.tradingengine.avro.MarketStatus;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.embedded.EmbeddedKafka;
import io.tradingengine.schemas.Decimals;
import io.tradingengine.schemas.Topics;
import io.tradingengine.schemas.registry.InMemorySchemaStore;
import io.tradingengine.topology.StoreNames;
import io.tradingengine.topology.StreamsSettings;
import io.tradingengine.topology.TopologyConfig;
import io.tradingengine.topology.TradingTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two engine instances (the real topology in two Kafka Streams instances, each with its own state directory,
 * {@code application.server} and API server) on one embedded broker, one standby replica. Each instance answers for
 * the assessments the other owns, by forwarding; while one instance stops and restarts, every read answers either
 * the right account (from the owner or a standby) or 503, never a wrong or foreign one.
 */
class TwoInstancesIT {

    private static final String SECRET = "two-instances-it-secret-of-at-least-32-bytes";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = Tokens.mint(SECRET, "root", List.of("admin"), Duration.ofMinutes(10));
    private static final String ALICE = Tokens.mint(SECRET, "alice", List.of("trader"), Duration.ofMinutes(10));
    private static final String MALLORY = Tokens.mint(SECRET, "mallory", List.of("trader"), Duration.ofMinutes(10));
    private static final Duration PATIENCE = Duration.ofSeconds(45);
    private static final Logger LOG = LoggerFactory.getLogger(TwoInstancesIT.class);

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String applicationId = "two-instances-" + UUID.randomUUID();
    private EmbeddedKafka kafka;
    private Topics topics;
    private final Instance[] instances = new Instance[2];

    /** One engine instance: streams and API on a fixed port and state directory, so it can restart as itself. */
    private final class Instance {
        final int port;
        final Path stateDir;
        KafkaStreams streams;
        ApiServer api;

        Instance(int port, Path stateDir) {
            this.port = port;
            this.stateDir = stateDir;
        }

        void start() {
            String self = "127.0.0.1:" + port;
            streams = new KafkaStreams(TradingTopology.build(TopologyConfig.defaults(), topics),
                    StreamsSettings.properties(applicationId, kafka.bootstrapServers(), stateDir.toString(), self, 1));
            streams.start();
            ApiConfig config = ApiConfig.of(SECRET).withApplicationServer(self).withMaxStandbyLag(1_000)
                    .withForwardTimeout(Duration.ofMillis(800));
            api = ApiServer.create(new ApiDependencies(config, topics, kafka.bootstrapServers(), streams, null, null,
                    null, null, null)).start(port);
        }

        void stop() {
            if (api != null) {
                api.close();
                api = null;
            }
            if (streams != null) {
                // Leave the group at once, as the engine does, so the other instance takes over without waiting.
                streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(Duration.ofSeconds(20)));
                streams = null;
            }
        }

        HostInfo host() {
            return new HostInfo("127.0.0.1", port);
        }

        String address() {
            return "127.0.0.1:" + port;
        }
    }

    @AfterEach
    void stop() {
        for (Instance instance : instances) {
            if (instance != null) {
                instance.stop();
            }
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldAnswerForTheOtherInstancesKeysAndKeepAnsweringWhileOneRestarts() throws IOException {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        topics = new Topics(new InMemorySchemaStore(), true);
        EngineTopicsForTests.create(kafka.bootstrapServers(), topics, 4);
        publishReferenceData();
        instances[0] = new Instance(Ports.free(), dir.resolve("state-a"));
        instances[1] = new Instance(Ports.free(), dir.resolve("state-b"));
        instances[0].start();
        instances[1].start();
        Instance a = instances[0];
        Instance b = instances[1];
        await(a, "/ready", null, r -> r.statusCode() == 200);
        await(b, "/ready", null, r -> r.statusCode() == 200);

        // One assessment owned by each instance, both created through A.
        String onA = assessmentOwnedBy(a);
        String onB = assessmentOwnedBy(b);
        for (String id : List.of(onA, onB)) {
            HttpResponse<String> created = post(a, "/assessments", ADMIN, "{\"assessmentId\":\"" + id
                    + "\",\"userId\":\"alice\",\"startingBalance\":\"100000\"}");
            assertThat(created.statusCode()).as(created.body()).isIn(201, 202);
        }
        await(a, "/assessments/" + onB, ALICE, r -> r.statusCode() == 200);
        await(a, "/prices/BTC/USD", ALICE, r -> r.statusCode() == 200);

        // Orders on the other instance's assessments: the owner check is forwarded, the order goes through Kafka.
        HttpResponse<String> orderOnB = post(a, "/orders", ALICE, order(onB));
        HttpResponse<String> orderOnA = post(b, "/orders", ALICE, order(onA));
        assertThat(orderOnB.statusCode()).as(orderOnB.body()).isEqualTo(201);
        assertThat(orderOnA.statusCode()).as(orderOnA.body()).isEqualTo(201);
        assertThat(post(a, "/orders", MALLORY, order(onB)).statusCode()).isEqualTo(404);
        String orderIdOnB = JSON.readTree(orderOnB.body()).get("orderId").asText();

        // Each instance answers for the other's keys, from the other's store.
        HttpResponse<String> forwarded = await(a, "/positions?assessmentId=" + onB, ALICE,
                r -> r.statusCode() == 200 && hasPosition(r));
        assertThat(forwarded.headers().firstValue(Forwarder.INSTANCE)).hasValue(b.address());
        assertThat(forwarded.headers().firstValue(Forwarder.SERVED_BY)).hasValue("active");
        HttpResponse<String> back = await(b, "/positions?assessmentId=" + onA, ALICE,
                r -> r.statusCode() == 200 && hasPosition(r));
        assertThat(back.headers().firstValue(Forwarder.INSTANCE)).hasValue(a.address());
        assertThat(get(a, "/positions?assessmentId=" + onB, MALLORY).statusCode()).isEqualTo(404);
        String balanceOnB = JSON.readTree(forwarded.body()).get("balance").asText();

        // B stops: A keeps answering for B's assessment (from its standby, then as the new owner) or says 503.
        b.stop();
        List<String> statuses = new ArrayList<>();
        HttpResponse<String> takenOver = await(a, "/positions?assessmentId=" + onB, ALICE, r -> {
            assertRightAccountOr503(r, onB, balanceOnB);
            statuses.add(describe(r));
            return r.statusCode() == 200 && a.address().equals(r.headers().firstValue(Forwarder.INSTANCE)
                    .orElse(null));
        });
        assertThat(JSON.readTree(takenOver.body()).get("balance").asText()).isEqualTo(balanceOnB);
        assertThat(get(a, "/assessments/" + onA, ALICE).statusCode()).isIn(200, 503);

        // B restarts as itself (same port, same state directory): both answer for both assessments again.
        b.start();
        for (Instance asked : List.of(a, b)) {
            for (String id : List.of(onA, onB)) {
                await(asked, "/positions?assessmentId=" + id, ALICE, r -> {
                    assertRightAccountOr503(r, id, id.equals(onB) ? balanceOnB : null);
                    statuses.add(describe(r));
                    return r.statusCode() == 200;
                });
            }
        }
        await(b, "/ready", null, r -> r.statusCode() == 200);
        // B's order-results listener starts empty: the order is found in the stores, wherever they are now.
        HttpResponse<String> order = await(b, "/orders/" + orderIdOnB, ALICE, r -> r.statusCode() != 503);
        assertThat(order.statusCode()).as(order.body()).isEqualTo(200);
        assertThat(JSON.readTree(order.body()).get("status").asText()).isEqualTo("FILLED");
        assertThat(get(b, "/orders/" + orderIdOnB, MALLORY).statusCode()).isEqualTo(404);
        assertThat(statuses).allMatch(s -> s.startsWith("200") || s.startsWith("503"));
        Map<String, Long> counts = statuses.stream()
                .collect(Collectors.groupingBy(s -> s, TreeMap::new, Collectors.counting()));
        LOG.info("Reads while B stopped and restarted: {}", counts);
    }

    private static String describe(HttpResponse<String> response) {
        return response.statusCode() + " " + response.headers().firstValue(Forwarder.SERVED_BY).orElse("-");
    }

    /** Fails on anything but the right account (200) or a 503 with Retry-After. */
    private static void assertRightAccountOr503(HttpResponse<String> response, String assessmentId,
                                                String balance) {
        if (response.statusCode() == 503) {
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            return;
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.get("assessmentId").asText()).isEqualTo(assessmentId);
            if (balance != null) {
                assertThat(body.get("balance").asText()).isEqualTo(balance);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean hasPosition(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body()).get("positions").size() == 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An assessment id whose partition {@code owner} is the active instance for. */
    private String assessmentOwnedBy(Instance owner) {
        for (int i = 0; i < 1_000; i++) {
            String id = "A-" + i + "-" + UUID.randomUUID().toString().substring(0, 8);
            HostInfo active = instances[0].streams.queryMetadataForKey(StoreNames.ASSESSMENTS, id,
                    new StringSerializer()).activeHost();
            if (owner.host().equals(active)) {
                return id;
            }
        }
        throw new AssertionError("no assessment id lands on " + owner.address());
    }

    private static String order(String assessmentId) {
        return "{\"assessmentId\":\"" + assessmentId + "\",\"market\":\"BTC/USD\",\"side\":\"long\","
                + "\"quantity\":\"0.5\"}";
    }

    private void publishReferenceData() {
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

    private HttpResponse<String> await(Instance instance, String path, String token,
                                       Predicate<HttpResponse<String>> done) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        HttpResponse<String> last = get(instance, path, token);
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(path + " on " + instance.address() + " still answers " + last.statusCode()
                        + " " + last.body());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            last = get(instance, path, token);
        }
        return last;
    }

    private HttpResponse<String> get(Instance instance, String path, String token) {
        return send(request(instance, path, token).GET());
    }

    private HttpResponse<String> post(Instance instance, String path, String token, String body) {
        return send(request(instance, path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpRequest.Builder request(Instance instance, String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.port + path))
                .timeout(Duration.ofSeconds(10));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
