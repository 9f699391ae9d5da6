package io.tradingengine.api.bench;

import io.tradingengine.api.ApiConfig;
import io.tradingengine.api.ApiDependencies;
import io.tradingengine.api.ApiServer;
import io.tradingengine.api.auth.Tokens;
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
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/**
 * A two-instance engine for load measurements with {@code wrk} (docs/rest-api.md): an embedded broker, two Kafka
 * Streams instances of the real topology with one standby each, two API servers, Redis at 127.0.0.1:6379 when it
 * answers. It creates one assessment owned by each instance (each with a position), writes {@code bench.env} (ports,
 * tokens, assessment ids) and the wrk Lua scripts into the directory given as first argument, and runs until
 * killed. Not a test: run it from the test class path.
 */
public final class TwoInstanceBench {

    private static final Logger LOG = LoggerFactory.getLogger(TwoInstanceBench.class);
    private static final String SECRET = "bench-secret-that-is-at-least-32-bytes-long";

    private TwoInstanceBench() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/bench");
        Files.createDirectories(out);
        Path data = Files.createTempDirectory("two-instance-bench");
        List<AutoCloseable> closeables = new ArrayList<>();
        try {
            run(out, data, closeables);
            new CountDownLatch(1).await();
        } finally {
            for (int i = closeables.size() - 1; i >= 0; i--) {
                closeables.get(i).close();
            }
        }
    }

    private static void run(Path out, Path data, List<AutoCloseable> closeables) throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start(data.resolve("kafka"), 0);
        closeables.add(kafka);
        Topics topics = new Topics(new InMemorySchemaStore(), true);
        EngineTopicsForTests.create(kafka.bootstrapServers(), topics, 4);
        publishReferenceData(kafka, topics, closeables);
        JedisPooled redis = new JedisPooled(new HostAndPort("127.0.0.1", 6379),
                DefaultJedisClientConfig.builder().timeoutMillis(200).build());
        closeables.add(redis);
        String applicationId = "bench-" + UUID.randomUUID();
        int[] ports = {Ports.free(), Ports.free()};
        KafkaStreams[] streams = new KafkaStreams[2];
        for (int i = 0; i < 2; i++) {
            String self = "127.0.0.1:" + ports[i];
            streams[i] = new KafkaStreams(TradingTopology.build(TopologyConfig.defaults(), topics),
                    StreamsSettings.properties(applicationId, kafka.bootstrapServers(),
                            data.resolve("state-" + i).toString(), self, 1));
            streams[i].start();
            KafkaStreams started = streams[i];
            closeables.add(() -> started.close(Duration.ofSeconds(20)));
            // A bench, not an abuse case: the rate limit must not shape the load.
            ApiConfig config = ApiConfig.of(SECRET).withApplicationServer(self).withOrderRateLimit(100_000, 100_000);
            ApiServer api = ApiServer.create(new ApiDependencies(config, topics, kafka.bootstrapServers(), streams[i],
                    null, redis, null, null, null)).start(ports[i]);
            closeables.add(api);
        }
        HttpClient client = HttpClient.newHttpClient();
        String admin = Tokens.mint(SECRET, "root", List.of("admin"), Duration.ofHours(12));
        String trader = Tokens.mint(SECRET, "bench", List.of("trader"), Duration.ofHours(12));
        for (int port : ports) {
            await(client, port, "/ready", null);
        }
        for (int port : ports) {
            await(client, port, "/prices/BTC/USD", trader);
            awaitBody(client, port, "/markets", trader, "BTC/USD");
        }
        String onA = ownedBy(streams[0], new HostInfo("127.0.0.1", ports[0]));
        String onB = ownedBy(streams[0], new HostInfo("127.0.0.1", ports[1]));
        for (String id : List.of(onA, onB)) {
            send(client, ports[0], "/assessments", admin, "{\"assessmentId\":\"" + id
                    + "\",\"userId\":\"bench\",\"startingBalance\":\"1000000000\"}");
            await(client, ports[0], "/assessments/" + id, trader);
            HttpResponse<String> fill = send(client, ports[0], "/orders", trader, "{\"assessmentId\":\"" + id
                    + "\",\"market\":\"BTC/USD\",\"side\":\"long\",\"quantity\":\"0.5\"}");
            LOG.info("Position of {}: {} {}", id, fill.statusCode(), fill.body());
        }
        Files.writeString(out.resolve("bench.env"), String.join("\n",
                "PORT_A=" + ports[0], "PORT_B=" + ports[1], "ON_A=" + onA, "ON_B=" + onB, "TOKEN=" + trader,
                "SECRET=" + SECRET, ""), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("get.lua"), String.join("\n",
                "-- GET with the bearer token of $TOKEN; delay() paces each connection to $INTERVAL_MS.",
                "wrk.headers[\"Authorization\"] = \"Bearer \" .. os.getenv(\"TOKEN\")",
                "local interval = tonumber(os.getenv(\"INTERVAL_MS\") or \"0\")",
                "function delay() return interval end", ""), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("order.lua"), String.join("\n",
                "-- POST /orders on $ASSESSMENT, alternating long/short so the position stays flat, a fresh",
                "-- Idempotency-Key per request ($RUN_ID, thread, counter: the full Redis path, never a replay);",
                "-- delay() paces each connection to $INTERVAL_MS.",
                "local interval = tonumber(os.getenv(\"INTERVAL_MS\") or \"0\")",
                "local assessment = os.getenv(\"ASSESSMENT\")",
                "local run = os.getenv(\"RUN_ID\") or tostring(os.time())",
                "local threads = 0",
                "function setup(thread)",
                "  threads = threads + 1",
                "  thread:set(\"thread_id\", threads)",
                "end",
                "local n = 0",
                "wrk.method = \"POST\"",
                "wrk.headers[\"Authorization\"] = \"Bearer \" .. os.getenv(\"TOKEN\")",
                "wrk.headers[\"Content-Type\"] = \"application/json\"",
                "function delay() return interval end",
                "function request()",
                "  n = n + 1",
                "  local side = (n % 2 == 0) and \"long\" or \"short\"",
                "  local body = '{\"assessmentId\":\"' .. assessment .. '\",\"market\":\"BTC/USD\",\"side\":\"' "
                        + ".. side .. '\",\"quantity\":\"0.0001\"}'",
                "  wrk.headers[\"Idempotency-Key\"] = \"bench-\" .. run .. \"-\" .. thread_id .. \"-\" .. n",
                "  return wrk.format(nil, \"/orders\", nil, body)",
                "end",
                ""), StandardCharsets.UTF_8);
        LOG.info("Bench ready: A on {} owns {}, B on {} owns {}; env in {}", ports[0], onA, ports[1], onB,
                out.resolve("bench.env").toAbsolutePath());
    }

    private static String ownedBy(KafkaStreams streams, HostInfo owner) {
        for (int i = 0; i < 1_000; i++) {
            String id = "bench-" + i;
            if (owner.equals(streams.queryMetadataForKey(StoreNames.ASSESSMENTS, id, new StringSerializer())
                    .activeHost())) {
                return id;
            }
        }
        throw new IllegalStateException("no assessment id lands on " + owner);
    }

    /** The market once, then a fresh tick every second, as a feed would (the topology refuses stale prices). */
    private static void publishReferenceData(EmbeddedKafka kafka, Topics topics, List<AutoCloseable> closeables) {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
        closeables.add(producer);
        Market market = Market.newBuilder().setMarket("BTC/USD").setAssetClass(AssetClass.CRYPTO)
                .setStatus(MarketStatus.OPEN).setUpdatedAt(Instant.now()).setSource("bench").build();
        producer.send(new ProducerRecord<>(Topics.MARKETS, "BTC/USD",
                topics.markets.valueSerde().serializer().serialize(Topics.MARKETS, market)));
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        closeables.add(ticks::shutdownNow);
        ticks.scheduleAtFixedRate(() -> {
            PriceTick tick = PriceTick.newBuilder().setMarket("BTC/USD").setSource("bench")
                    .setBid(wire("64990")).setAsk(wire("65010")).setLast(wire("65000"))
                    .setTimestamp(Instant.now()).build();
            producer.send(new ProducerRecord<>(Topics.PRICES, "BTC/USD",
                    topics.prices.valueSerde().serializer().serialize(Topics.PRICES, tick)));
        }, 0, 1, TimeUnit.SECONDS);
    }

    private static BigDecimal wire(String value) {
        return Decimals.wire(new BigDecimal(value));
    }

    private static void await(HttpClient client, int port, String path, String token) throws Exception {
        awaitBody(client, port, path, token, "");
    }

    private static void awaitBody(HttpClient client, int port, String path, String token, String part)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && response.body().contains(part)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(path + " still answers " + response.statusCode());
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private static HttpResponse<String> send(HttpClient client, int port, String path, String token, String body)
            throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
