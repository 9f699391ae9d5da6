package io.tradingengine.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Checks on the CockroachDB scripts that need no server (there is none on the build machine): they follow the same
 * version sequence as PostgreSQL's, use none of PostgreSQL's own constructs, hash-shard the time indexes, and create
 * {@code order_results} with exactly the columns the writer binds.
 */
class CockroachMigrationsTest {

    @Test
    void shouldHaveAScriptForEveryVersionPostgresqlHas() throws Exception {
        assertThat(versions("cockroachdb")).isEqualTo(versions("postgresql")).isNotEmpty();
    }

    @Test
    void shouldUseNoPostgresqlOnlyConstructs() throws Exception {
        String sql = scripts("cockroachdb").toLowerCase(Locale.ROOT);

        assertThat(sql).doesNotContain("partition by range", "plpgsql", "$$", "unnest", "create function");
        assertThat(sql).contains("create index if not exists trades_executed_at_idx on trades (executed_at desc) "
                + "using hash");
        assertThat(sql).contains("order_results (processed_at desc) using hash");
    }

    @Test
    void shouldCreateOrderResultsWithTheColumnsTheWriterBinds() throws Exception {
        Matcher table = Pattern.compile("CREATE TABLE IF NOT EXISTS order_results \\((.*?)\\n\\);", Pattern.DOTALL)
                .matcher(scripts("cockroachdb"));
        assertThat(table.find()).isTrue();
        List<String> columns = new ArrayList<>();
        for (String line : table.group(1).split("\n")) {
            String trimmed = line.trim();
            if (!trimmed.isEmpty() && !trimmed.startsWith("--")) {
                columns.add(trimmed.split("\\s+")[0]);
            }
        }

        List<String> expected = new ArrayList<>(SinkTable.ORDER_RESULTS.columns());
        expected.add("inserted_at");
        assertThat(columns).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static List<String> versions(String vendor) throws Exception {
        try (Stream<Path> files = Files.list(folder(vendor))) {
            return files.map(path -> path.getFileName().toString().split("__")[0]).sorted().toList();
        }
    }

    private static String scripts(String vendor) throws IOException, URISyntaxException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(folder(vendor))) {
            for (Path file : files.sorted().toList()) {
                all.append(Files.readString(file, StandardCharsets.UTF_8)).append('\n');
            }
        }
        return all.toString();
    }

    private static Path folder(String vendor) throws URISyntaxException {
        URL url = CockroachMigrationsTest.class.getClassLoader().getResource("db/vendor/" + vendor);
        assertThat(url).as("db/vendor/" + vendor).isNotNull();
        return Path.of(url.toURI());
    }
}
