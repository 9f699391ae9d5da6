package io.tradingengine.app;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tradingengine.api.ApiConfig;
import io.tradingengine.api.ApiDependencies;
import io.tradingengine.api.ApiServer;
import io.tradingengine.api.ops.HealthCheck;
import io.tradingengine.api.ops.HealthStatus;
import io.tradingengine.embedded.KafkaTopics;
import io.tradingengine.ingest.ConnectorHealth;
import io.tradingengine.ingest.Connectors;
import io.tradingengine.ingest.MarketDataConnector;
import io.tradingengine.ingest.PricePublisher;
import io.tradingengine.schemas.Topic;
import io.tradingengine.schemas.Topics;
import io.tradingengine.schemas.registry.KafkaSchemaStore;
import io.tradingengine.schemas.registry.SchemaStore;
import io.tradingengine.schemas.serde.CachedSchemaRegistryClient;
import io.tradingengine.schemas.serde.HttpSchemaRegistryClient;
import io.tradingengine.schemas.serde.SchemaRegistryClient;
import io.tradingengine.sink.JdbcTarget;
import io.tradingengine.sink.Migrations;
import io.tradingengine.sink.SinkConfig;
import io.tradingengine.sink.TradeSink;
import io.tradingengine.topology.EngineTopics;
import io.tradingengine.topology.StreamsSettings;
import io.tradingengine.topology.TopologyConfig;
import io.tradingengine.topology.TradingTopology;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.time.Instant;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPooled;

/**
 * One engine process: the roles it was asked for (streams, api, ingest, sink) wired to the services it was given.
 * Started parts are closed in reverse order.
 */
public final class Engine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    /** Where the external (or embedded) services are. Null database or redis URL means "not available". */
    public record Services(String bootstrapServers, String schemaRegistryUrl, String databaseUrl, String redisUrl,
                           String jwtSecret, Short replicationFactor, boolean registryOpenReads) {
    }

    static final int REDIS_TIMEOUT_MS = 250;

    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private final Map<String, HealthCheck> healthChecks = new LinkedHashMap<>();
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private KafkaStreams streams;
    private ApiServer api;
    private SchemaStore schemaStore;

    private Engine() {
    }

    /** Starts the roles; on failure everything already started is closed and the error rethrown. */
    public static Engine start(EngineConfig config, Services services, Set<Role> roles, int httpPort) {
        Engine engine = new Engine();
        try {
            engine.startRoles(config, services, roles, httpPort);
            return engine;
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    private void startRoles(EngineConfig config, Services services, Set<Role> roles, int httpPort) {
        new JvmMemoryMetrics().bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(meters);
        closeables.push(gc);

        SchemaRegistryClient registry = registry(services);
        Topics topics = new Topics(registry, true);
        KafkaTopics.ensure(services.bootstrapServers(), newTopics(topics, config.topicPartitions(),
                services.replicationFactor()));

        JdbcTarget database = services.databaseUrl() == null ? null : JdbcTarget.parse(services.databaseUrl());
        if (database != null && (roles.contains(Role.SINK) || roles.contains(Role.API))) {
            Migrations.migrate(database);
        }
        if (roles.contains(Role.STREAMS)) {
            startStreams(config, services, topics, httpPort);
        }
        if (roles.contains(Role.SINK)) {
            if (database == null) {
                throw new org.apache.kafka.common.config.ConfigException(EngineConfig.DATABASE_URL, null,
                        "is required by the sink role");
            }
            TradeSink sink = new TradeSink(SinkConfig.of(database), services.bootstrapServers(), topics, meters);
            sink.start();
            closeables.push(sink);
            healthChecks.put("sink", () -> sink.isWaitingForDatabase()
                    ? HealthStatus.down("waiting for the database; retrying with backoff")
                    : sink.isRunning() ? HealthStatus.up("running") : HealthStatus.down("stopped"));
        }
        if (roles.contains(Role.INGEST)) {
            startFeeds(config, services, topics);
        }
        if (roles.contains(Role.API)) {
            startApi(config, services, topics, database, httpPort);
        }
    }

    private SchemaRegistryClient registry(Services services) {
        if (services.schemaRegistryUrl() != null) {
            return new CachedSchemaRegistryClient(new HttpSchemaRegistryClient(services.schemaRegistryUrl()));
        }
        KafkaSchemaStore store = KafkaSchemaStore.start(services.bootstrapServers());
        closeables.push(store);
        schemaStore = store;
        return store;
    }

    static List<NewTopic> newTopics(Topics topics, int partitions, Short replicationFactor) {
        List<NewTopic> newTopics = new ArrayList<>();
        List<Topic<String, ?>> all = new ArrayList<>(topics.all());
        // The topology's own topics: validated latest prices and markets, and the dead-letter topics.
        all.addAll(new EngineTopics(topics).all());
        for (Topic<String, ?> topic : all) {
            NewTopic newTopic = new NewTopic(topic.name(), Optional.of(partitions), Optional.ofNullable(
                    replicationFactor));
            if (topic.compacted()) {
                newTopic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            }
            newTopics.add(newTopic);
        }
        return newTopics;
    }

    private static String applicationServer(EngineConfig config, int httpPort) {
        return config.applicationServer() != null ? config.applicationServer() : "127.0.0.1:" + httpPort;
    }

    private void startStreams(EngineConfig config, Services services, Topics topics, int httpPort) {
        String applicationServer = applicationServer(config, httpPort);
        TopologyConfig topologyConfig = new TopologyConfig(config.cryptoSlippage(), config.cryptoFee(),
                config.predictionSlippage(), config.predictionFee())
                .withMaxPriceAges(config.cryptoMaxPriceAge(), config.predictionMaxPriceAge())
                .withOrderIdRetention(config.orderIdRetention());
        KafkaStreams kafkaStreams = new KafkaStreams(TradingTopology.build(topologyConfig, topics),
                StreamsSettings.properties(config.applicationId(), services.bootstrapServers(),
                        config.stateDir().toString(), applicationServer, config.streamsTuning()));
        kafkaStreams.setUncaughtExceptionHandler(e -> {
            LOG.error("Stream thread failed; replacing it", e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                    .REPLACE_THREAD;
        });
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(kafkaStreams);
        streamsMetrics.bindTo(meters);
        closeables.push(streamsMetrics);
        kafkaStreams.start();
        // Leave the group on a clean stop so a restarted instance gets its tasks at once, not after the session
        // timeout of the departed member.
        closeables.push(() -> kafkaStreams.close(CloseOptions.groupMembershipOperation(
                CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(Duration.ofSeconds(30))));
        this.streams = kafkaStreams;
    }

    private void startFeeds(EngineConfig config, Services services, Topics topics) {
        PricePublisher publisher = PricePublisher.create(services.bootstrapServers(), topics, meters);
        closeables.push(publisher);
        for (String feed : config.feeds()) {
            MarketDataConnector connector = Connectors.create(feed, config.ingest(), publisher, meters);
            connector.start();
            closeables.push(connector::stop);
            Duration maxTickAge = config.ingest().maxTickAge();
            healthChecks.put("feed:" + connector.name(), () -> feedHealth(connector, maxTickAge));
        }
    }

    private void startApi(EngineConfig config, Services services, Topics topics, JdbcTarget database, int httpPort) {
        // A short timeout: Redis is the fast path of order intake, and the API falls back when it is slow or down.
        JedisPooled redis = services.redisUrl() == null ? null : new JedisPooled(java.net.URI.create(
                services.redisUrl()), REDIS_TIMEOUT_MS);
        if (redis != null) {
            closeables.push(redis);
        }
        ApiConfig apiConfig = ApiConfig.of(services.jwtSecret())
                .withOrderWaitTimeout(Duration.ofMillis(config.orderWaitMs()))
                .withApplicationServer(applicationServer(config, httpPort))
                .withRegistryOpenReads(services.registryOpenReads())
                .withOrderRateLimit(config.orderRatePerSecond(), config.orderBurst());
        ApiServer server = ApiServer.create(new ApiDependencies(apiConfig, topics, services.bootstrapServers(),
                streams, database == null ? null : database.dataSource(), redis, schemaStore, meters,
                healthChecks));
        server.start(httpPort);
        closeables.push(server);
        this.api = server;
    }

    private static HealthStatus feedHealth(MarketDataConnector connector, Duration maxTickAge) {
        ConnectorHealth health = connector.health();
        String detail = health.state() + ", last tick " + health.lastTickAt() + ", " + health.ticksPublished()
                + " ticks, " + health.errors() + " errors";
        return health.isHealthy(Instant.now(), maxTickAge) ? HealthStatus.up(detail)
                : HealthStatus.down(detail);
    }

    /** Waits until the Streams instance is RUNNING (true) or the timeout passes (false). */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        if (streams == null) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            KafkaStreams.State state = streams.state();
            if (state == KafkaStreams.State.RUNNING) {
                return true;
            }
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("Kafka Streams stopped in state " + state);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return false;
    }

    public int httpPort() {
        return api == null ? -1 : api.port();
    }

    public KafkaStreams streams() {
        return streams;
    }

    public PrometheusMeterRegistry meters() {
        return meters;
    }

    /** Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM). */
    public static void awaitShutdownSignal(AutoCloseable... toClose) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopped.countDown();
            try {
                closed.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "shutdown"));
        stopped.await();
        for (AutoCloseable closeable : toClose) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("Error while stopping {}", closeable, e);
            }
        }
        closed.countDown();
    }

    @Override
    public void close() {
        while (!closeables.isEmpty()) {
            AutoCloseable closeable = closeables.pop();
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("Error while stopping {}", closeable, e);
            }
        }
        meters.close();
    }
}
