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
 * {@code schemas check}: every topic's value schema against the registered versions (when {@code --registry} is
 * given; the registry applies its own compatibility level) or else against the released versions kept in the
 * repository at {@code --level}. Exits {@link SchemasCommand#INCOMPATIBLE} on an incompatible change.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Fail (exit 1) when a schema is incompatible with the registered or released versions.")
final class SchemasCheckCommand implements Callable<Integer> {

    @Mixin
    private SchemaSources sources;

    @Option(names = "--registry", paramLabel = "URL", defaultValue = "${env:SCHEMA_REGISTRY_URL}",
            description = "Registry to check against, e.g. http://localhost:8080/registry (default: "
                    + "$SCHEMA_REGISTRY_URL; when unset, the released versions are used).")
    private String registry;

    @Option(names = "--token", defaultValue = "${env:SCHEMA_REGISTRY_TOKEN}",
            description = "Bearer token for the registry (default: $SCHEMA_REGISTRY_TOKEN).")
    private String token;

    @Option(names = "--released", paramLabel = "DIR", defaultValue = "schemas/src/main/compat",
            description = "Released versions, <DIR>/<subject>/v<N>.avsc (default: ${DEFAULT-VALUE}).")
    private Path released;

    @Option(names = "--level", defaultValue = "FULL_TRANSITIVE",
            description = "Compatibility level against released versions (default: ${DEFAULT-VALUE}).")
    private CompatibilityLevel level;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private RegistryRest.Check local(String subject, Schema schema, ReleasedSchemas releases) {
        List<String> messages = Compatibility.check(level, schema, releases.versions(subject));
        return new RegistryRest.Check(messages.isEmpty(), messages);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Map<String, Schema> candidates = sources.load();
            boolean useRegistry = registry != null && !registry.isBlank();
            RegistryRest rest = useRegistry ? new RegistryRest(registry, token) : null;
            ReleasedSchemas releases = new ReleasedSchemas(released);
            int incompatible = 0;
            for (Map.Entry<String, Schema> entry : candidates.entrySet()) {
                String subject = entry.getKey();
                RegistryRest.Check check = useRegistry ? rest.check(subject, entry.getValue())
                        : local(subject, entry.getValue(), releases);
                if (check.compatible()) {
                    out.println("OK           " + subject);
                } else {
                    incompatible++;
                    err.println("INCOMPATIBLE " + subject);
                    check.messages().forEach(m -> err.println("  " + m));
                }
            }
            out.println(useRegistry ? "Checked against " + registry
                    : "Checked against the released versions in " + released + " at " + level);
            out.flush();
            err.flush();
            return incompatible == 0 ? 0 : SchemasCommand.INCOMPATIBLE;
        } catch (RuntimeException e) {
            err.println("schemas check failed: " + e.getMessage());
            err.flush();
            return SchemasCommand.FAILED;
        }
    }
}
