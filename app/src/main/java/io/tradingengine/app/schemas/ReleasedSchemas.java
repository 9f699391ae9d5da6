package io.tradingengine.app.schemas;

import io.tradingengine.schemas.registry.Canonical;
import io.tradingengine.schemas.registry.SchemaVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * Released schema versions kept in the repository: {@code <dir>/<subject>/v<N>.avsc}, each a self-contained schema
 * (every named type inline), so a change is checked against what was released even without a registry.
 */
final class ReleasedSchemas {

    private static final Pattern VERSION_FILE = Pattern.compile("v(\\d+)\\.avsc");

    private final Path dir;

    ReleasedSchemas(Path dir) {
        this.dir = dir;
    }

    /** The released versions of {@code subject}, oldest first; empty when none was released. */
    List<SchemaVersion> versions(String subject) {
        Path subjectDir = dir.resolve(subject);
        if (!Files.isDirectory(subjectDir)) {
            return List.of();
        }
        List<SchemaVersion> versions = new ArrayList<>();
        try (Stream<Path> files = Files.list(subjectDir)) {
            for (Path file : files.toList()) {
                Matcher matcher = VERSION_FILE.matcher(file.getFileName().toString());
                if (matcher.matches()) {
                    int version = Integer.parseInt(matcher.group(1));
                    Schema schema = new Schema.Parser().parse(Files.readString(file, StandardCharsets.UTF_8));
                    // Released files carry no registry id; 0 marks "not from a registry".
                    versions.add(new SchemaVersion(subject, version, 0, schema));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read released schemas under " + subjectDir, e);
        }
        versions.sort(Comparator.comparingInt(SchemaVersion::version));
        return versions;
    }

    /**
     * Writes {@code schema} as the next released version of {@code subject} unless the latest released version is
     * the same schema; returns the file written.
     */
    Optional<Path> release(String subject, Schema schema) {
        List<SchemaVersion> released = versions(subject);
        if (!released.isEmpty()
                && Canonical.of(released.get(released.size() - 1).schema()).equals(Canonical.of(schema))) {
            return Optional.empty();
        }
        int next = released.isEmpty() ? 1 : released.get(released.size() - 1).version() + 1;
        Path file = dir.resolve(subject).resolve("v" + next + ".avsc");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, schema.toString(true) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return Optional.of(file);
    }
}
