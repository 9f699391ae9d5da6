package io.tradingengine.app.schemas;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.avro.Schema;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code schemas register}: registers every topic's value schema (an admin token for the engine's registry). */
@Command(name = "register", mixinStandardHelpOptions = true,
        description = "Register the topics' value schemas in the registry.")
final class SchemasRegisterCommand implements Callable<Integer> {

    @Mixin
    private SchemaSources sources;

    @Option(names = "--registry", paramLabel = "URL", required = true, defaultValue = "${env:SCHEMA_REGISTRY_URL}",
            description = "Registry URL, e.g. http://localhost:8080/registry (default: $SCHEMA_REGISTRY_URL).")
    private String registry;

    @Option(names = "--token", defaultValue = "${env:SCHEMA_REGISTRY_TOKEN}",
            description = "Admin bearer token (default: $SCHEMA_REGISTRY_TOKEN).")
    private String token;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            RegistryRest rest = new RegistryRest(registry, token);
            for (Map.Entry<String, Schema> entry : sources.load().entrySet()) {
                out.println(entry.getKey() + " id " + rest.register(entry.getKey(), entry.getValue()));
            }
            out.flush();
            return 0;
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("schemas register failed: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return SchemasCommand.FAILED;
        }
    }
}
