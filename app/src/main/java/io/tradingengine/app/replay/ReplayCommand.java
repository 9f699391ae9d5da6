package io.tradingengine.app.replay;

import io.tradingengine.app.EngineConfig;
import io.tradingengine.topology.TopologyConfig;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./trading-engine replay --from-offset <partition:offset,...> | --from-timestamp <time>
 * [--to-timestamp <time>] --as <name> [overrides]}: runs the topology as a shadow application over that range of
 * {@code orders} and {@code prices} ({@link Replay}) and prints its summary.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay a range of orders and prices through a shadow copy of the engine (own application id, "
                + "state and replay.<name>.* topics), optionally with other slippage or fees, and print fills, "
                + "rejects by reason and P&L per assessment. The live engine is only read."})
public final class ReplayCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Start start;

    @Option(names = "--to-timestamp", paramLabel = "<time>",
            description = "End of the range, exclusive (default: everything committed now).")
    private String to;

    @Option(names = "--as", required = true, paramLabel = "<name>",
            description = "Name of the replay: topics replay.<name>.*, application id replay.<name>.")
    private String name;

    @Option(names = "--crypto-slippage", paramLabel = "<fraction>", description = "Override CRYPTO_SLIPPAGE_PERCENT.")
    private BigDecimal cryptoSlippage;

    @Option(names = "--crypto-fee", paramLabel = "<fraction>", description = "Override CRYPTO_FEE_PERCENT.")
    private BigDecimal cryptoFee;

    @Option(names = "--prediction-slippage", paramLabel = "<fraction>",
            description = "Override PREDICTION_SLIPPAGE_PERCENT.")
    private BigDecimal predictionSlippage;

    @Option(names = "--prediction-fee", paramLabel = "<fraction>", description = "Override PREDICTION_FEE_PERCENT.")
    private BigDecimal predictionFee;

    @Option(names = "--no-lockstep", description = "Feed everything at once: faster, but an order may see a later "
            + "or earlier tick than the one before it in time.")
    private boolean noLockstep;

    @Option(names = "--replace", description = "Delete an earlier replay of the same name first.")
    private boolean replace;

    @Option(names = "--timeout", defaultValue = "PT30M", paramLabel = "<duration>",
            description = "Give up after this long (ISO-8601, default PT30M).")
    private Duration timeout;

    @Option(names = "--state-dir", description = "Shadow state directory (default <data dir>/replay).")
    private Path stateDir;

    @Option(names = "--kafka", description = "Kafka bootstrap servers (default KAFKA_BROKERS or endpoints.json).")
    private String kafka;

    @Option(names = "--registry", description = "Schema registry URL (default SCHEMA_REGISTRY_URL, else _schemas).")
    private String registry;

    @Option(names = "--data-dir", description = "Data dir of the dev engine (default DATA_DIR or ./data).")
    private Path dataDir;

    /** Where the replayed order flow starts. */
    static final class Start {
        @Option(names = "--from-offset", split = ",", paramLabel = "<partition:offset>",
                description = "Start offsets in orders (or prices:<partition>:<offset>); other partitions start at "
                        + "the time of the earliest record at these offsets.")
        private List<String> offsets;

        @Option(names = "--from-timestamp", paramLabel = "<time>",
                description = "Start time: 2025-03-01T12:00:00Z, 2025-03-01, epoch millis or earliest.")
        private String from;
    }

    @Override
    public Integer call() throws Exception {
        EngineConfig config = EngineConfig.fromEnvironment(System.getenv());
        ReplaySpec replay = spec(config);
        Path data = Connections.dataDir(dataDir, config);
        String brokers = Connections.kafka(kafka, config, data);
        Deque<AutoCloseable> closeables = new ArrayDeque<>();
        try {
            ReplaySummary summary = new Replay(brokers, Connections.registry(registry, config, brokers, closeables))
                    .run(replay);
            spec.commandLine().getOut().print(summary.render());
            spec.commandLine().getOut().flush();
            return 0;
        } finally {
            while (!closeables.isEmpty()) {
                closeables.pop().close();
            }
        }
    }

    /** The replay this command line asks for, the environment's rates unless overridden. */
    ReplaySpec spec(EngineConfig config) {
        TopologyConfig topology = new TopologyConfig(
                cryptoSlippage != null ? cryptoSlippage : config.cryptoSlippage(),
                cryptoFee != null ? cryptoFee : config.cryptoFee(),
                predictionSlippage != null ? predictionSlippage : config.predictionSlippage(),
                predictionFee != null ? predictionFee : config.predictionFee());
        List<ReplaySpec.OffsetStart> offsets = start.offsets == null ? List.of()
                : start.offsets.stream().map(ReplaySpec.OffsetStart::parse).toList();
        Instant from = start.from == null ? null : TimeArgument.parse("--from-timestamp", start.from);
        Instant until = to == null ? null : TimeArgument.parse("--to-timestamp", to);
        Path state = stateDir != null ? stateDir.toAbsolutePath()
                : Connections.dataDir(dataDir, config).resolve("replay");
        return new ReplaySpec(name, offsets, from, until, topology, state, !noLockstep, replace, timeout);
    }
}
