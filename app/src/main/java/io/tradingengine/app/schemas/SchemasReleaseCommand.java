package io.tradingengine.app.schemas;

import io.tradingengine.schemas.registry.Compatibility;
import io.tradingengine.schemas.registry.CompatibilityLevel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.avro.Schema;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code schemas release}: records the current schemas as the next released versions in the repository (after
 * checking them), so later changes are checked against them. Run when cutting a release; commit the files.
 */
@Command(name = "release", mixinStandardHelpOptions = true,
        description = "Write changed schemas as new released versions under --released (after a check).")
final class SchemasReleaseCommand implements Callable<Integer> {

    @Mixin
    private SchemaSources sources;

    @Option(names = "--released", paramLabel = "DIR", defaultValue = "schemas/src/main/compat",
            description = "Released versions, <DIR>/<subject>/v<N>.avsc (default: ${DEFAULT-VALUE}).")
    private Path released;

    @Option(names = "--level", defaultValue = "FULL_TRANSITIVE",
            description = "Compatibility level required (default: ${DEFAULT-VALUE}).")
    private CompatibilityLevel level;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReleasedSchemas releases = new ReleasedSchemas(released);
        Map<String, Schema> candidates = sources.load();
        boolean refused = false;
        for (Map.Entry<String, Schema> entry : candidates.entrySet()) {
            List<String> messages = Compatibility.check(level, entry.getValue(), releases.versions(entry.getKey()));
            if (!messages.isEmpty()) {
                refused = true;
                err.println("INCOMPATIBLE " + entry.getKey());
                messages.forEach(m -> err.println("  " + m));
            }
        }
        if (refused) {
            err.flush();
            return SchemasCommand.INCOMPATIBLE;
        }
        candidates.forEach((subject, schema) -> releases.release(subject, schema)
                .ifPresentOrElse(file -> out.println("released " + file), () -> out.println("unchanged " + subject)));
        out.flush();
        return 0;
    }
}
