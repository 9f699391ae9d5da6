package io.tradingengine.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder;

/**
 * PostgreSQL started by zonky's own {@code EmbeddedPostgres}, used when this JVM does not run as root. Zonky unpacks
 * the binaries from the Maven artifact, runs {@code initdb} when the data directory has no {@code postgresql.conf}
 * and starts the server with {@code pg_ctl}.
 */
final class ZonkyPostgres implements PostgresServer {

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;

    private ZonkyPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static ZonkyPostgres start(Path pgData, Path logFile, int port, Map<String, String> settings,
                               Duration startupTimeout) {
        Builder builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setLocaleConfig("locale", "C")
                .setPGStartupWait(startupTimeout)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        settings.forEach(builder::setServerConfig);
        try {
            return new ZonkyPostgres(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL in " + pgData + " (see " + logFile + ")", e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop PostgreSQL", e);
        }
    }
}
