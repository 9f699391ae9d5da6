package io.tradingengine.app.schemas;

import java.nio.file.Path;
import java.util.Map;
import org.apache.avro.Schema;
import picocli.CommandLine.Option;

/** Where the candidate schemas come from: the compiled classes, or a directory of {@code .avsc} files. */
final class SchemaSources {

    @Option(names = "--avsc", paramLabel = "DIR",
            description = "Read the schemas from the .avsc files under DIR (e.g. schemas/src/main/avro) instead of"
                    + " the compiled classes.")
    private Path avscDir;

    Map<String, Schema> load() {
        return avscDir == null ? ProjectSchemas.compiled() : ProjectSchemas.fromDirectory(avscDir);
    }
}
