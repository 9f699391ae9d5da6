package io.tradingengine.app;

import io.tradingengine.api.auth.Tokens;
import io.tradingengine.app.load.KafkaOrderClient;
import io.tradingengine.app.load.LoadReport;
import io.tradingengine.app.load.LoadRun;
import io.tradingengine.app.load.OrderClient;
import io.tradingengine.app.load.RestOrderClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Sends orders at a fixed rate for a fixed time, to the REST API or straight to Kafka, and prints throughput and
 * order-to-result latency percentiles (HdrHistogram). Open loop: latency is measured from the moment each order was
 * due, so a stalled engine shows up in the percentiles instead of silently slowing the sender down.
 */
@Command(name = "load", description = "Send orders at a rate and print throughput and latency percentiles.")
final class LoadCommand implements Callable<Integer> {

    enum Target { rest, kafka }

    @Option(names = "--target", defaultValue = "rest", description = "rest or kafka (default rest).")
    private Target target;

    @Option(names = "--rate", defaultValue = "100", description = "Orders per second (default 100).")
    private int rate;

    @Option(names = "--duration", defaultValue = "60", description = "Seconds of measured load (default 60).")
    private int durationSeconds;

    @Option(names = "--warmup", defaultValue = "5", description = "Seconds of unmeasured warm-up first (default 5).")
    private int warmupSeconds;

    @Option(names = "--assessments", defaultValue = "100",
            description = "Assessments to spread orders over, each with its own owner (default 100).")
    private int assessments;

    @Option(names = "--market", defaultValue = "BTC/USD", description = "Market to trade (default BTC/USD).")
    private String market;

    @Option(names = "--quantity", defaultValue = "0.001", description = "Quantity per order (default 0.001).")
    private String quantity;

    @Option(names = "--data-dir", description = "Data dir of the dev engine (default DATA_DIR or ./data).")
    private Path dataDir;

    @Option(names = "--url", description = "REST base URL (default: from <data dir>/endpoints.json).")
    private String url;

    @Option(names = "--kafka", description = "Kafka bootstrap servers (default: from endpoints.json).")
    private String kafka;

    @Option(names = "--registry", description = "Schema registry URL (default: from endpoints.json).")
    private String registry;

    @Override
    public Integer call() throws Exception {
        if (rate <= 0 || durationSeconds <= 0 || assessments <= 0 || warmupSeconds < 0) {
            throw new IllegalArgumentException("--rate, --duration and --assessments must be positive");
        }
        EngineConfig config = EngineConfig.fromEnvironment(System.getenv());
        Path dir = dataDir != null ? dataDir.toAbsolutePath() : config.dataDir();
        Endpoints endpoints = (url == null || (target == Target.kafka && (kafka == null || registry == null)))
                ? Endpoints.read(dir) : null;
        String baseUrl = url != null ? url : endpoints.http();
        String secret = DevSecrets.jwtSecret(dir);
        String adminToken = Tokens.mint(secret, "load-admin", List.of("admin"), Duration.ofHours(1));
        // One owner per assessment: the API's order rate limit is per user, as a real trader population has it.
        Map<String, String> owners = LoadRun.createAssessments(baseUrl, adminToken, "load-trader", assessments);
        Map<String, String> tokens = new java.util.HashMap<>();
        owners.forEach((id, user) -> tokens.put(id, Tokens.mint(secret, user, List.of("trader"),
                Duration.ofHours(1))));
        try (OrderClient client = target == Target.rest
                ? new RestOrderClient(baseUrl, tokens::get)
                : new KafkaOrderClient(kafka != null ? kafka : endpoints.kafka(),
                        registry != null ? registry : endpoints.schemaRegistry(), adminToken, owners::get)) {
            LoadRun run = new LoadRun(client, List.copyOf(owners.keySet()), market,
                    new java.math.BigDecimal(quantity));
            System.out.printf(java.util.Locale.ROOT, "load: %s, %d orders/s, %d s warm-up + %d s measured, %d "
                    + "assessments, %s%n", target, rate, warmupSeconds, durationSeconds, assessments, market);
            if (warmupSeconds > 0) {
                run.run(rate, Duration.ofSeconds(warmupSeconds));
            }
            LoadReport report = run.run(rate, Duration.ofSeconds(durationSeconds));
            report.print(System.out);
            return report.failed() > 0 && report.completed() == 0 ? 1 : 0;
        }
    }
}
