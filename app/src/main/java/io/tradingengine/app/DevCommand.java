package io.tradingengine.app;

import io.tradingengine.api.auth.Tokens;
import io.tradingengine.embedded.EmbeddedKafka;
import io.tradingengine.embedded.EmbeddedPostgres;
import io.tradingengine.embedded.EmbeddedRedis;
import io.tradingengine.embedded.PortChoice;
import io.tradingengine.embedded.Ports;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * Everything in one process on the embedded runtime: a real Kafka broker (KRaft), PostgreSQL and Redis, unless the
 * environment points at real ones. State lives under the data dir, so a restart carries on where it stopped.
 */
@Command(name = "dev", description = "Run the whole engine on the embedded runtime (data under ./data or DATA_DIR).")
final class DevCommand implements Callable<Integer> {

    static final int KAFKA_PORT = 9092;
    static final int POSTGRES_PORT = 15432;
    static final int REDIS_PORT = 16379;
    static final String LOCK_FILE = ".lock";

    @Override
    public Integer call() throws Exception {
        long startNanos = System.nanoTime();
        EngineConfig config = EngineConfig.fromEnvironment(System.getenv());
        Path dataDir = config.dataDir();
        Files.createDirectories(dataDir);
        PrintStream out = System.out;
        List<AutoCloseable> started = new ArrayList<>();
        try (FileChannel lockChannel = FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockChannel.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("another ./trading-engine dev is running on " + dataDir);
            }
            Engine engine = startAll(config, dataDir, out, started);
            started.add(0, engine);
            boolean running = engine.awaitRunning(Duration.ofMinutes(2));
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            out.printf(Locale.ROOT, running ? "%nready in %.1f s. Ctrl-C stops everything.%n"
                    : "%nstarted in %.1f s, streams still starting (GET /ready says when). Ctrl-C stops.%n", seconds);
            out.flush();
            Engine.awaitShutdownSignal(started.toArray(AutoCloseable[]::new));
            return 0;
        } catch (RuntimeException | IOException e) {
            for (AutoCloseable closeable : started) {
                closeable.close();
            }
            throw e;
        }
    }

    private static Engine startAll(EngineConfig config, Path dataDir, PrintStream out, List<AutoCloseable> started)
            throws IOException {
        String kafka = config.kafkaBrokers();
        if (kafka == null) {
            EmbeddedKafka broker = EmbeddedKafka.start(dataDir.resolve("kafka"), port(out, "Kafka", KAFKA_PORT));
            started.add(0, broker);
            kafka = broker.bootstrapServers();
        }
        String database = config.databaseUrl();
        if (database == null) {
            EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir.resolve("postgres"),
                    port(out, "PostgreSQL", POSTGRES_PORT));
            started.add(0, postgres);
            database = postgres.postgresUrl();
        }
        String redis = config.redisUrl();
        if (redis == null) {
            EmbeddedRedis embeddedRedis = EmbeddedRedis.start(port(out, "Redis", REDIS_PORT));
            started.add(0, embeddedRedis);
            redis = embeddedRedis.url();
        }
        int httpPort = port(out, "HTTP", config.httpPort());
        String secret = DevSecrets.jwtSecret(config, true);
        Engine engine = Engine.start(config, new Engine.Services(kafka, config.schemaRegistryUrl(), database, redis,
                secret, (short) 1, config.registryOpenReads(true)), EnumSet.allOf(Role.class), httpPort);
        String http = "http://127.0.0.1:" + engine.httpPort();
        String registry = config.schemaRegistryUrl() != null ? config.schemaRegistryUrl() : http + "/registry";
        Endpoints endpoints = new Endpoints(http, kafka, registry, database, redis);
        endpoints.write(dataDir);
        printBanner(out, endpoints, secret, dataDir);
        return engine;
    }

    private static int port(PrintStream out, String what, int preferred) {
        if (preferred == 0) {
            return Ports.freeOr(0);
        }
        PortChoice choice = Ports.choose(preferred);
        if (choice.replaced()) {
            out.printf(Locale.ROOT, "%s: port %d is in use, using %d%n", what, preferred, choice.port());
        }
        return choice.port();
    }

    private static void printBanner(PrintStream out, Endpoints endpoints, String secret, Path dataDir)
            throws IOException {
        String admin = Tokens.mint(secret, "admin", List.of("admin"), Duration.ofHours(12));
        String trader = Tokens.mint(secret, "trader-1", List.of("trader"), Duration.ofHours(12));
        Path tokens = dataDir.resolve("tokens.env");
        Files.writeString(tokens, "export ADMIN_TOKEN=" + admin + "\nexport TRADER_TOKEN=" + trader
                + "\nexport ENGINE=" + endpoints.http() + "\n");
        out.println();
        out.println("trading-engine dev is up");
        out.println("  REST API         " + endpoints.http());
        out.println("  Kafka            " + endpoints.kafka());
        out.println("  schema registry  " + endpoints.schemaRegistry());
        out.println("  database         " + endpoints.database());
        out.println("  Redis            " + endpoints.redis());
        out.println("  endpoints file   " + dataDir.resolve(Endpoints.FILE_NAME));
        out.println();
        out.println("tokens (12 h; `source " + tokens + "` sets ADMIN_TOKEN, TRADER_TOKEN and ENGINE):");
        out.println("  admin     (sub admin)    " + admin);
        out.println("  trader    (sub trader-1) " + trader);
    }
}
