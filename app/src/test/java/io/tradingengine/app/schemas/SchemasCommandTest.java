package io.tradingengine.app.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingengine.schemas.registry.Canonical;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code schemas check} and {@code schemas release} against released versions kept in a directory. */
class SchemasCommandTest {

    /** The repository's schemas and released versions (surefire runs in the app module's directory). */
    static final Path AVRO = Path.of("..", "schemas", "src", "main", "avro");
    static final Path RELEASED = Path.of("..", "schemas", "src", "main", "compat");

    @TempDir
    Path temp;

    /** The outcome of one command line. */
    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new SchemasCommand());
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** A copy of the project's .avsc files with {@code from} replaced by {@code to} in Order.avsc. */
    Path avscWithOrderChange(String from, String to) {
        Path copy;
        try (Stream<Path> files = Files.walk(AVRO)) {
            copy = Files.createTempDirectory(temp, "avro");
            for (Path file : files.toList()) {
                Path target = copy.resolve(AVRO.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
            Path order = copy.resolve("Order.avsc");
            String text = Files.readString(order);
            assertThat(text).contains(from);
            Files.writeString(order, text.replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy;
    }

    @Test
    void shouldPassForTheProjectsSchemasAgainstTheReleasedVersionsInTheRepository() {
        Run compiled = run("check", "--released", RELEASED.toString());
        Run files = run("check", "--released", RELEASED.toString(), "--avsc", AVRO.toString());

        assertThat(compiled.exitCode()).as(compiled.err()).isZero();
        assertThat(compiled.out()).contains("OK           orders-value").contains("OK           prices-value");
        assertThat(files.exitCode()).as(files.err()).isZero();
    }

    @Test
    void shouldReadFromTheAvscFilesExactlyTheSchemasTheBuildCompiles() {
        Map<String, Schema> files = ProjectSchemas.fromDirectory(AVRO);
        Map<String, Schema> compiled = ProjectSchemas.compiled();

        assertThat(files.keySet()).containsExactlyElementsOf(compiled.keySet()).hasSize(8);
        compiled.forEach((subject, schema) ->
                assertThat(Canonical.of(files.get(subject))).as(subject).isEqualTo(Canonical.of(schema)));
    }

    @Test
    void shouldFailTheCheckWhenARequiredFieldIsAddedToOrder() {
        Path changed = avscWithOrderChange("{\"name\": \"userId\", \"type\": \"string\"},",
                "{\"name\": \"userId\", \"type\": \"string\"}, {\"name\": \"venue\", \"type\": \"string\"},");

        Run check = run("check", "--released", RELEASED.toString(), "--avsc", changed.toString());

        assertThat(check.exitCode()).isEqualTo(SchemasCommand.INCOMPATIBLE);
        assertThat(check.err()).contains("INCOMPATIBLE orders-value").contains("READER_FIELD_MISSING_DEFAULT_VALUE")
                .doesNotContain("INCOMPATIBLE prices-value");
    }

    @Test
    void shouldFailTheCheckWhenAFieldChangesType() {
        Path changed = avscWithOrderChange("{\"name\": \"market\", \"type\": \"string\"}",
                "{\"name\": \"market\", \"type\": \"long\"}");

        Run check = run("check", "--released", RELEASED.toString(), "--avsc", changed.toString());

        assertThat(check.exitCode()).isEqualTo(SchemasCommand.INCOMPATIBLE);
        assertThat(check.err()).contains("INCOMPATIBLE orders-value").contains("TYPE_MISMATCH");
    }

    @Test
    void shouldPassTheCheckWhenAnOptionalFieldIsAdded() {
        Path changed = avscWithOrderChange("{\"name\": \"userId\", \"type\": \"string\"},",
                "{\"name\": \"userId\", \"type\": \"string\"}, "
                        + "{\"name\": \"venue\", \"type\": [\"null\", \"string\"], \"default\": null},");

        Run check = run("check", "--released", RELEASED.toString(), "--avsc", changed.toString());

        assertThat(check.exitCode()).as(check.err()).isZero();
    }

    @Test
    void shouldReleaseChangedSchemasAsNewVersionsAndRefuseIncompatibleOnes() {
        Path released = temp.resolve("compat");

        Run first = run("release", "--released", released.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(released.resolve("orders-value").resolve("v1.avsc")).exists();
        Run unchanged = run("release", "--released", released.toString());
        assertThat(unchanged.out()).contains("unchanged orders-value");

        Path optional = avscWithOrderChange("{\"name\": \"userId\", \"type\": \"string\"},",
                "{\"name\": \"userId\", \"type\": \"string\"}, "
                        + "{\"name\": \"venue\", \"type\": [\"null\", \"string\"], \"default\": null},");
        assertThat(run("release", "--released", released.toString(), "--avsc", optional.toString()).exitCode())
                .isZero();
        assertThat(released.resolve("orders-value").resolve("v2.avsc")).exists();
        assertThat(released.resolve("prices-value").resolve("v2.avsc")).doesNotExist();

        Path typeChange = avscWithOrderChange("{\"name\": \"market\", \"type\": \"string\"}",
                "{\"name\": \"market\", \"type\": \"long\"}");
        Run refused = run("release", "--released", released.toString(), "--avsc", typeChange.toString());
        assertThat(refused.exitCode()).isEqualTo(SchemasCommand.INCOMPATIBLE);
        assertThat(released.resolve("orders-value").resolve("v3.avsc")).doesNotExist();
    }
}
