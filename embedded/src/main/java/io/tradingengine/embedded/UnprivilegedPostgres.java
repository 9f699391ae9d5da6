package io.tradingengine.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL run as an unprivileged user when this JVM runs as root, where {@code initdb} and {@code postgres}
 * refuse to start.
 *
 * <p>The zonky binaries are unpacked into a world-readable cache, the data directory is owned by the unprivileged
 * user (mode 0700, as PostgreSQL demands), and every PostgreSQL program is started through util-linux
 * {@code setpriv --reuid --regid --clear-groups}. When a directory above the data directory is closed to that user
 * (for example a checkout under {@code /root}), the programs also get the ambient capability
 * {@code CAP_DAC_READ_SEARCH}, which lets them look up paths there without opening anything else of root's to them
 * for writing.
 *
 * <p>The postmaster is a child process of this JVM, its output appended to a log file beside the data directory.
 * It is stopped with {@code pg_ctl stop -m fast}. A postmaster left running by a JVM that was killed is stopped the
 * same way on the next start.
 */
final class UnprivilegedPostgres implements PostgresServer {

    private static final Logger LOG = LoggerFactory.getLogger(UnprivilegedPostgres.class);
    private static final String SUPERUSER = "postgres";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_INTERVAL_MS = 50;

    private final Process postmaster;
    private final Path installation;
    private final Path pgData;
    private final List<String> dropPrivileges;
    private final Path logFile;

    private UnprivilegedPostgres(Process postmaster, Path installation, Path pgData, List<String> dropPrivileges,
                                 Path logFile) {
        this.postmaster = postmaster;
        this.installation = installation;
        this.pgData = pgData;
        this.dropPrivileges = dropPrivileges;
        this.logFile = logFile;
    }

    static UnprivilegedPostgres start(Path pgData, Path logFile, int port, Map<String, String> settings,
                                      UnixUser user, Path binariesCache, Duration startupTimeout) {
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        Path installation = PostgresBinaries.install(binariesCache);
        try {
            List<String> dropPrivileges = dropPrivilegesCommand(user, pgData, installation);
            Path pgDataOwned = prepareDataDirectory(pgData, logFile, user, installation, dropPrivileges);
            stopLeftoverPostmaster(installation, pgDataOwned, dropPrivileges, logFile);

            List<String> command = new ArrayList<>(dropPrivileges);
            command.addAll(List.of(bin(installation, "postgres"), "-D", pgDataOwned.toString(),
                    "-p", Integer.toString(port)));
            settings.forEach((key, value) -> command.addAll(List.of("-c", key + "=" + value)));
            Process postmaster = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            UnprivilegedPostgres server =
                    new UnprivilegedPostgres(postmaster, installation, pgDataOwned, dropPrivileges, logFile);
            server.awaitConnections(port, deadline);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL in " + pgData + " (see " + logFile + ")", e);
        }
    }

    @Override
    public void close() {
        if (!postmaster.isAlive()) {
            return;
        }
        try {
            run(pgCtl("stop", "-m", "fast", "-w", "-t", Long.toString(STOP_TIMEOUT.toSeconds())), logFile);
            if (!postmaster.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("PostgreSQL did not stop in {}; killing it", STOP_TIMEOUT);
                postmaster.destroyForcibly();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("pg_ctl stop failed ({}); killing PostgreSQL", e.getMessage());
            postmaster.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            postmaster.destroyForcibly();
        }
    }

    /** The {@code setpriv} prefix that runs a program as {@code user}. */
    static List<String> dropPrivilegesCommand(UnixUser user, Path... pathsToReach) throws IOException {
        List<String> command = new ArrayList<>(List.of("setpriv",
                "--reuid=" + user.uid(), "--regid=" + user.gid(), "--clear-groups"));
        boolean reachable = true;
        for (Path path : pathsToReach) {
            reachable &= user.canTraverse(path.toAbsolutePath().getParent());
        }
        if (!reachable) {
            command.addAll(List.of("--inh-caps=+dac_read_search", "--ambient-caps=+dac_read_search"));
        }
        command.add("--");
        return command;
    }

    /** Creates (with {@code initdb}) or re-owns the data directory; returns it. */
    private static Path prepareDataDirectory(Path pgData, Path logFile, UnixUser user, Path installation,
                                             List<String> dropPrivileges) throws IOException {
        Files.createDirectories(pgData.getParent());
        if (Files.exists(pgData.resolve("PG_VERSION"))) {
            ensureOwner(pgData, user);
            return pgData;
        }
        if (Files.exists(pgData) && isNonEmptyDirectory(pgData)) {
            throw new IllegalStateException(pgData + " is not empty but holds no PostgreSQL cluster (no PG_VERSION)");
        }
        // initdb into a sibling and rename: a crash during initdb never leaves a half-made cluster at pgData.
        Path staging = pgData.resolveSibling(pgData.getFileName() + ".initdb");
        PostgresBinaries.deleteTree(staging);
        Files.createDirectory(staging);
        ensureOwner(staging, user);
        Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwx------"));
        long started = System.nanoTime();
        List<String> initdb = new ArrayList<>(dropPrivileges);
        initdb.addAll(List.of(bin(installation, "initdb"), "-D", staging.toString(), "-U", SUPERUSER,
                "-A", "trust", "-E", "UTF-8", "--locale=C", "--no-sync"));
        run(initdb, logFile);
        Files.deleteIfExists(pgData);
        Files.move(staging, pgData);
        LOG.info("initdb of {} done in {} ms", pgData, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return pgData;
    }

    private static void stopLeftoverPostmaster(Path installation, Path pgData, List<String> dropPrivileges,
                                               Path logFile) throws IOException {
        if (!Files.exists(pgData.resolve("postmaster.pid"))) {
            return;
        }
        List<String> status = new ArrayList<>(dropPrivileges);
        status.addAll(List.of(bin(installation, "pg_ctl"), "status", "-D", pgData.toString()));
        if (exitCode(status, logFile) == 0) {
            LOG.warn("A PostgreSQL server left running on {} (its JVM did not stop it); stopping it", pgData);
            List<String> stop = new ArrayList<>(dropPrivileges);
            stop.addAll(List.of(bin(installation, "pg_ctl"), "stop", "-D", pgData.toString(), "-m", "fast", "-w",
                    "-t", Long.toString(STOP_TIMEOUT.toSeconds())));
            run(stop, logFile);
        }
    }

    private void awaitConnections(int port, long deadline) {
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        Properties props = new Properties();
        props.setProperty("user", SUPERUSER);
        props.setProperty("connectTimeout", "2");
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!postmaster.isAlive()) {
                throw new IllegalStateException("PostgreSQL exited with code " + postmaster.exitValue()
                        + " during start-up; last log lines:\n" + tail(logFile));
            }
            try (Connection connection = DriverManager.getConnection(url, props)) {
                return;
            } catch (SQLException e) {
                // Connection refused, or "the database system is starting up": poll again shortly.
                last = e;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(POLL_INTERVAL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while waiting for PostgreSQL", e);
            }
        }
        close();
        throw new IllegalStateException("PostgreSQL did not accept connections on port " + port
                + " in time; last log lines:\n" + tail(logFile), last);
    }

    private List<String> pgCtl(String... args) {
        List<String> command = new ArrayList<>(dropPrivileges);
        command.add(bin(installation, "pg_ctl"));
        command.addAll(List.of(args));
        command.addAll(List.of("-D", pgData.toString()));
        return command;
    }

    private static void ensureOwner(Path root, UnixUser user) throws IOException {
        if ((Integer) Files.getAttribute(root, "unix:uid", LinkOption.NOFOLLOW_LINKS) == user.uid()) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                Files.setAttribute(path, "unix:uid", user.uid(), LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(path, "unix:gid", user.gid(), LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    private static boolean isNonEmptyDirectory(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        }
    }

    private static String bin(Path installation, String program) {
        return installation.resolve("bin").resolve(program).toString();
    }

    private static void run(List<String> command, Path logFile) throws IOException {
        int code = exitCode(command, logFile);
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + code
                    + "; last log lines:\n" + tail(logFile));
        }
    }

    private static int exitCode(List<String> command, Path logFile) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new IOException("cannot run " + command.get(0) + " (util-linux setpriv is needed to run "
                    + "PostgreSQL as an unprivileged user when the JVM runs as root)", e);
        }
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in time");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static String tail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }
}
