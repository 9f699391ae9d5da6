package io.tradingengine.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.BrokerIdNotRegisteredException;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaProperties;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.properties.PropertiesUtils;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker in KRaft combined mode (broker and controller, node id 1) running in this JVM.
 *
 * <p>Its storage lives in the given log directory: the first start formats it (writing {@code meta.properties} with
 * a new cluster id), later starts reuse it, so topics and records survive a restart of the process. Both listeners
 * are on 127.0.0.1: PLAINTEXT at the preferred port when it is free, CONTROLLER at any free port (the quorum is a
 * static single voter, so the controller port may change from one start to the next).
 *
 * <p>Settings are for one node: replication factor 1 for the internal topics, min ISR 1, no automatic topic
 * creation, no initial rebalance delay. Transactions work, so {@code exactly_once_v2} Streams applications run on it.
 *
 * <p>After an unclean stop (the JVM was killed), the metadata log still holds the broker's old registration, and the
 * controller only fences it once its session times out. Meanwhile the restarted transaction coordinator resends the
 * markers of transactions that were committing or aborting; when the fence leaves their partitions without a leader,
 * Kafka treats the partitions as deleted and drops the markers, which leaves the transactions open for good and blocks
 * {@code read_committed} consumers (a single-node effect: a cluster would elect another leader). So in that case the
 * controller is first started alone to unregister the stale broker, and only then is the broker started.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int NODE_ID = 1;
    private static final String HOST = "127.0.0.1";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** Written by Kafka into the log directory on a clean shutdown. */
    private static final String CLEAN_SHUTDOWN_FILE = ".kafka_cleanshutdown";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final int MIB = 1024 * 1024;

    private final KafkaRaftServer server;
    private final int port;
    private final String clusterId;
    private final Path logDir;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafka(KafkaRaftServer server, int port, String clusterId, Path logDir) {
        this.server = server;
        this.port = port;
        this.clusterId = clusterId;
        this.logDir = logDir;
    }

    /**
     * Starts a broker whose storage is {@code logDir} (created and formatted when it holds no {@code meta.properties}).
     * Returns once the broker answers on its PLAINTEXT listener.
     *
     * @param logDir        the broker's log directory, kept across restarts
     * @param preferredPort the PLAINTEXT port to use when it is free; {@code 0} or a taken port means any free port
     */
    public static EmbeddedKafka start(Path logDir, int preferredPort) {
        BrokerLogLevels.quietUnlessConfigured();
        Path dir = logDir.toAbsolutePath().normalize();
        long started = System.nanoTime();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Kafka log directory " + dir, e);
        }
        Path metaProperties = dir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME);
        if (Files.exists(metaProperties) && !Files.exists(dir.resolve(CLEAN_SHUTDOWN_FILE))) {
            unregisterStaleBroker(dir);
        }
        int port = Ports.freeOr(preferredPort);
        int controllerPort = freePortOtherThan(port);
        KafkaConfig config = new KafkaConfig(brokerProperties(dir, port, controllerPort), false);
        String clusterId = formatIfNeeded(dir, config);

        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        EmbeddedKafka kafka = new EmbeddedKafka(server, port, clusterId, dir);
        try {
            server.startup();
            kafka.awaitBrokerAnswers();
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        LOG.info("Kafka {} started on {} in {} ms (cluster {}, storage {})", AppInfoParser.getVersion(),
                kafka.bootstrapServers(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), clusterId, dir);
        return kafka;
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** The PLAINTEXT port. */
    public int port() {
        return port;
    }

    /** The cluster id kept in the log directory's {@code meta.properties}; stable across restarts. */
    public String clusterId() {
        return clusterId;
    }

    /** The broker's log directory. */
    public Path logDir() {
        return logDir;
    }

    /** Shuts the broker and controller down cleanly and waits until they have stopped. Idempotent. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        long started = System.nanoTime();
        server.shutdown();
        server.awaitShutdown();
        LOG.info("Kafka on {} stopped in {} ms", bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    static Properties brokerProperties(Path dir, int port, int controllerPort) {
        Properties props = controllerProperties(dir, controllerPort);
        props.putAll(Map.of(
                "process.roles", "broker,controller",
                "listeners", "PLAINTEXT://" + HOST + ":" + port + "," + CONTROLLER_LISTENER + "://" + HOST + ":"
                        + controllerPort,
                "advertised.listeners", "PLAINTEXT://" + HOST + ":" + port,
                "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT",
                "inter.broker.listener.name", "PLAINTEXT"));
        // One node: every internal topic has a single replica and needs only itself in sync.
        props.putAll(Map.of(
                "num.partitions", "1",
                "default.replication.factor", "1",
                "min.insync.replicas", "1",
                "offsets.topic.replication.factor", "1",
                "offsets.topic.num.partitions", "10",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "transaction.state.log.num.partitions", "10",
                "share.coordinator.state.topic.replication.factor", "1",
                "share.coordinator.state.topic.min.isr", "1"));
        props.putAll(Map.of(
                "group.initial.rebalance.delay.ms", "0",
                "auto.create.topics.enable", "false",
                // Small footprint for a laptop or a 2-core CI machine.
                "log.segment.bytes", Integer.toString(16 * MIB),
                "log.index.size.max.bytes", Integer.toString(MIB),
                "log.cleaner.dedupe.buffer.size", Integer.toString(16 * MIB),
                "log.cleaner.threads", "1",
                "num.network.threads", "2",
                "num.io.threads", "4",
                "background.threads", "4",
                "num.recovery.threads.per.data.dir", "1"));
        return props;
    }

    /** The settings of the controller alone; the broker settings add to them. */
    static Properties controllerProperties(Path dir, int controllerPort) {
        Properties props = new Properties();
        props.putAll(Map.of(
                "process.roles", "controller",
                "node.id", Integer.toString(NODE_ID),
                "controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort,
                "listeners", CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort,
                "listener.security.protocol.map", CONTROLLER_LISTENER + ":PLAINTEXT",
                "controller.listener.names", CONTROLLER_LISTENER,
                "log.dirs", dir.toString()));
        return props;
    }

    /** Starts the controller alone on {@code dir} and removes the registration the killed broker left behind. */
    private static void unregisterStaleBroker(Path dir) {
        long started = System.nanoTime();
        int controllerPort = Ports.freeOr(0);
        KafkaRaftServer controller = new KafkaRaftServer(
                new KafkaConfig(controllerProperties(dir, controllerPort), false), Time.SYSTEM);
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG, HOST + ":" + controllerPort);
        adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis());
        try {
            controller.startup();
            try (Admin admin = Admin.create(adminProps)) {
                admin.unregisterBroker(NODE_ID).all().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            LOG.info("Kafka in {} was not shut down cleanly: unregistered its stale broker in {} ms", dir,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (ExecutionException e) {
            // Killed before the broker ever registered: nothing to remove.
            if (!(e.getCause() instanceof BrokerIdNotRegisteredException)) {
                throw new IllegalStateException("cannot unregister the stale Kafka broker in " + dir, e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("the Kafka controller in " + dir + " did not answer within "
                    + READY_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recovering Kafka in " + dir, e);
        } finally {
            controller.shutdown();
            controller.awaitShutdown();
        }
    }

    private static String formatIfNeeded(Path dir, KafkaConfig config) {
        Path metaProperties = dir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME);
        if (Files.exists(metaProperties)) {
            return readClusterId(metaProperties);
        }
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            // No release version given: the Formatter uses the latest production metadata version.
            new Formatter()
                    .setPrintStream(print)
                    .setNodeId(NODE_ID)
                    .setClusterId(clusterId)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setDirectories(List.of(dir.toString()))
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka storage in " + dir, e);
        }
        LOG.info("Formatted Kafka storage {} for new cluster {}", dir, clusterId);
        LOG.debug("Formatter output: {}", output.toString(StandardCharsets.UTF_8));
        return clusterId;
    }

    private static String readClusterId(Path metaProperties) {
        try {
            MetaProperties meta = new MetaProperties.Builder(
                    PropertiesUtils.readPropertiesFile(metaProperties.toString())).build();
            return meta.clusterId().orElseThrow(
                    () -> new IllegalStateException(metaProperties + " holds no cluster.id"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + metaProperties, e);
        }
    }

    private void awaitBrokerAnswers() {
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(adminProps)) {
            String answered = admin.describeCluster().clusterId().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!clusterId.equals(answered)) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "broker on %s answered for cluster %s, expected %s", bootstrapServers(), answered, clusterId));
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka broker on " + bootstrapServers() + " did not answer within "
                    + READY_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka to start", e);
        }
    }

    private static int freePortOtherThan(int port) {
        int candidate = Ports.freeOr(0);
        while (candidate == port) {
            candidate = Ports.freeOr(0);
        }
        return candidate;
    }
}
