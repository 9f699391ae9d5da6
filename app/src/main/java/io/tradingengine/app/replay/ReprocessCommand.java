package io.tradingengine.app.replay;

import io.tradingengine.app.EngineConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./trading-engine reprocess --from-timestamp <time>}: resets the live application with Kafka's own reset
 * tool and wipes this instance's local state, so the engine rebuilds when it starts again ({@link Reprocess}).
 */
@Command(name = "reprocess", mixinStandardHelpOptions = true,
        description = {"Reset the live application's input offsets (orders and prices to the time, assessments and "
                + "markets to the beginning) with Kafka's application reset tool, delete its internal topics and wipe "
                + "the local state, so the engine rebuilds on its next start. Refused while instances run."})
public final class ReprocessCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--from-timestamp", required = true, paramLabel = "<time>",
            description = "Where orders and prices restart: 2025-03-01T12:00:00Z, epoch millis, or earliest.")
    private String from;

    @Option(names = "--dry-run", description = "Only show what would be reset.")
    private boolean dryRun;

    @Option(names = "--application-id", description = "Streams application id (default APPLICATION_ID).")
    private String applicationId;

    @Option(names = "--state-dir", description = "State directory to wipe (default STATE_DIR or <data dir>/streams).")
    private Path stateDir;

    @Option(names = "--kafka", description = "Kafka bootstrap servers (default KAFKA_BROKERS or endpoints.json).")
    private String kafka;

    @Option(names = "--data-dir", description = "Data dir of the dev engine (default DATA_DIR or ./data).")
    private Path dataDir;

    @Override
    public Integer call() throws Exception {
        EngineConfig config = EngineConfig.fromEnvironment(System.getenv());
        Instant at = TimeArgument.parse("--from-timestamp", from);
        Path data = Connections.dataDir(dataDir, config);
        String brokers = Connections.kafka(kafka, config, data);
        String application = applicationId != null ? applicationId : config.applicationId();
        Path state = stateDir != null ? stateDir.toAbsolutePath()
                : dataDir != null ? data.resolve("streams") : config.stateDir();
        PrintWriter out = spec.commandLine().getOut();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            Reprocess.Result result = Reprocess.run(admin, brokers, application, state, at, dryRun);
            new TreeMap<>(result.offsets().entrySet().stream().collect(Collectors.toMap(
                    e -> e.getKey().toString(), Map.Entry::getValue))).forEach((partition, offset) ->
                    out.println("  " + partition + " -> " + offset));
            if (result.exitCode() != 0) {
                out.println("reprocess: the reset tool failed (exit code " + result.exitCode() + ")");
            } else if (dryRun) {
                out.println("dry run: nothing changed");
            } else {
                out.println("reset " + application + "; wiped " + result.stateDir()
                        + ". Start the engine to rebuild (wipe STATE_DIR on other hosts too).");
            }
            out.flush();
            return result.exitCode();
        }
    }
}
