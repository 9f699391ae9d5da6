package io.tradingengine.app;

import io.tradingengine.api.auth.Tokens;
import io.tradingengine.app.load.TickFanoutRun;
import io.tradingengine.schemas.Topics;
import io.tradingengine.schemas.serde.CachedSchemaRegistryClient;
import io.tradingengine.schemas.serde.HttpSchemaRegistryClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The tick fan-out measurement of issue 3: breaching tick to BREACH event latency with many holders. */
@Command(name = "load-ticks", description = "Measure breaching-tick to BREACH-event latency with many holders.")
final class LoadTicksCommand implements Callable<Integer> {

    @Option(names = "--assessments", defaultValue = "10000", description = "Assessments, one position each.")
    private int assessments;

    @Option(names = "--markets", defaultValue = "100", description = "Markets the positions are spread over.")
    private int markets;

    @Option(names = "--rate", defaultValue = "1000", description = "Ticks per second.")
    private int rate;

    @Option(names = "--duration", defaultValue = "30",
            description = "Seconds of ticks (one breaching market a second).")
    private int durationSeconds;

    @Option(names = "--data-dir", description = "Data dir of the dev engine (default DATA_DIR or ./data).")
    private Path dataDir;

    @Override
    public Integer call() throws Exception {
        if (assessments <= 0 || markets <= 0 || rate <= 0 || durationSeconds <= 0) {
            throw new IllegalArgumentException("--assessments, --markets, --rate and --duration must be positive");
        }
        EngineConfig config = EngineConfig.fromEnvironment(System.getenv());
        Path dir = dataDir != null ? dataDir.toAbsolutePath() : config.dataDir();
        Endpoints endpoints = Endpoints.read(dir);
        String secret = DevSecrets.jwtSecret(dir);
        String admin = Tokens.mint(secret, "bench-admin", List.of("admin"), Duration.ofHours(2));
        Topics topics = new Topics(new CachedSchemaRegistryClient(new HttpSchemaRegistryClient(
                endpoints.schemaRegistry(), () -> admin, HttpSchemaRegistryClient.DEFAULT_TIMEOUT)), true);
        try (TickFanoutRun run = new TickFanoutRun(endpoints.kafka(), topics, System.out)) {
            run.run(assessments, markets, rate, Duration.ofSeconds(durationSeconds));
        }
        return 0;
    }
}
