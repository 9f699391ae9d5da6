package io.tradingengine.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresIT {

    @TempDir
    Path dir;

    @Test
    void shouldKeepCommittedRowsAcrossARestartOnTheSameDirectory() throws Exception {
        // A parent closed to other users, like a checkout under /root: the server must still reach its data.
        Path closed = Files.createDirectories(dir.resolve("closed"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        Path dataDir = closed.resolve("postgres");
        int port;
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir, 0)) {
            port = postgres.port();
            assertThat(postgres.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + port + "/trading?user=postgres");
            assertThat(postgres.postgresUrl()).isEqualTo("postgresql://postgres@127.0.0.1:" + port + "/trading");
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl());
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE trades (id TEXT PRIMARY KEY, price NUMERIC(38, 18) NOT NULL)");
                statement.execute("INSERT INTO trades VALUES ('t-1', 101.25)");
                assertThat(single(statement, "SELECT current_database()")).isEqualTo("trading");
            }
            if (UnixUser.currentIsRoot()) {
                assertThat((Integer) Files.getAttribute(dataDir.resolve("pgdata"), "unix:uid"))
                        .as("the cluster belongs to the unprivileged user")
                        .isEqualTo(UnixUser.lookup("nobody").uid());
            }
        }

        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir, port);
             Connection connection = DriverManager.getConnection(postgres.jdbcUrl());
             Statement statement = connection.createStatement()) {
            assertThat(postgres.port()).isEqualTo(port);
            assertThat(single(statement, "SELECT price::text FROM trades WHERE id = 't-1'"))
                    .isEqualTo("101.250000000000000000");
        }
        assertThat(dataDir.resolve("pgdata/PG_VERSION")).exists();
        assertThat(dataDir.resolve("postgres.log")).content().contains("database system is shut down");
    }

    private static String single(Statement statement, String sql) throws Exception {
        try (ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).as(sql).isTrue();
            return rows.getString(1);
        }
    }
}
