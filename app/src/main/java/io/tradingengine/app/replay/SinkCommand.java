package io.tradingengine.app.replay;

import io.tradingengine.app.EngineConfig;
import io.tradingengine.schemas.Topics;
import io.tradingengine.sink.JdbcTarget;
import io.tradingengine.sink.SinkConfig;
import io.tradingengine.sink.SinkReset;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./trading-engine sink <subcommand>}: operations on the trades sink. */
@Command(name = "sink", mixinStandardHelpOptions = true, description = "Operations on the trades sink.",
        subcommands = SinkCommand.Reset.class)
public final class SinkCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code ./trading-engine sink reset --to-timestamp <time>}: the sink group's stored positions go back (or
     * forward) to that time, so the next sink re-sinks from there ({@link SinkReset}).
     */
    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = {"Set the sink's stored positions (sink_offsets, and Kafka's copy) in trades and "
                    + "order-results to the first record at or after the time. Rows already in the tables stay; "
                    + "missing ones are written again. Refused while a sink runs."})
    public static final class Reset implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(names = "--to-timestamp", required = true, paramLabel = "<time>",
                description = "2025-03-01T12:00:00Z, 2025-03-01, epoch millis, or earliest.")
        private String to;

        @Option(names = "--group", defaultValue = SinkConfig.DEFAULT_GROUP_ID,
                description = "The sink's consumer group (default ${DEFAULT-VALUE}).")
        private String group;

        @Option(names = "--kafka", description = "Kafka bootstrap servers (default KAFKA_BROKERS or endpoints.json).")
        private String kafka;

        @Option(names = "--database", description = "postgresql:// URL (default DATABASE_URL or endpoints.json).")
        private String database;

        @Option(names = "--data-dir", description = "Data dir of the dev engine (default DATA_DIR or ./data).")
        private Path dataDir;

        @Override
        public Integer call() throws Exception {
            EngineConfig config = EngineConfig.fromEnvironment(System.getenv());
            Instant at = TimeArgument.parse("--to-timestamp", to);
            Path data = Connections.dataDir(dataDir, config);
            String brokers = Connections.kafka(kafka, config, data);
            JdbcTarget target = JdbcTarget.parse(Connections.database(database, config, data));
            PrintWriter out = spec.commandLine().getOut();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
                Map<String, Long> positions = new TreeMap<>();
                SinkReset.toTimestamp(admin, target.dataSource(), group, List.of(Topics.TRADES, Topics.ORDER_RESULTS),
                        at).forEach((partition, offset) -> positions.put(partition.toString(), offset));
                positions.forEach((partition, offset) -> out.println("  " + partition + " -> " + offset));
                out.println("sink group " + group + " reset to " + at + "; the next sink start re-sinks from there.");
                out.flush();
                return 0;
            }
        }
    }
}
