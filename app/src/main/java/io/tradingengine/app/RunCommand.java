package io.tradingengine.app;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The production roles against external services (KAFKA_BROKERS, DATABASE_URL, REDIS_URL, JWT_SECRET...). */
@Command(name = "run",
        description = "Run the given roles against external services: run --roles streams,api,ingest,sink")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--roles", split = ",", defaultValue = "streams,api,ingest,sink",
            description = "Comma list of streams, api, ingest, sink (default all).")
    private List<String> roleNames;

    @Override
    public Integer call() throws Exception {
        Set<Role> roles = Role.parse(roleNames);
        EngineConfig config = EngineConfig.fromEnvironment(System.getenv());
        String kafka = config.required(EngineConfig.KAFKA_BROKERS);
        if (roles.contains(Role.SINK)) {
            config.required(EngineConfig.DATABASE_URL);
        }
        if (roles.contains(Role.API) && config.jwtSecret() == null) {
            throw new ConfigException(EngineConfig.JWT_SECRET, null, "is required by the api role");
        }
        String secret = config.jwtSecret() == null ? null : DevSecrets.jwtSecret(config, false);
        Engine engine = Engine.start(config, new Engine.Services(kafka, config.schemaRegistryUrl(),
                config.databaseUrl(), config.redisUrl(), secret, null, config.registryOpenReads(false)), roles,
                config.httpPort());
        engine.awaitRunning(Duration.ofMinutes(5));
        System.out.println("trading-engine running roles " + roles + (engine.httpPort() > 0
                ? " on http port " + engine.httpPort() : ""));
        Engine.awaitShutdownSignal(engine);
        return 0;
    }
}
