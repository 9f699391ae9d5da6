package io.tradingengine.app.replay;

import io.tradingengine.app.EngineConfig;
import io.tradingengine.app.Endpoints;
import io.tradingengine.schemas.registry.KafkaSchemaStore;
import io.tradingengine.schemas.serde.CachedSchemaRegistryClient;
import io.tradingengine.schemas.serde.HttpSchemaRegistryClient;
import io.tradingengine.schemas.serde.SchemaRegistryClient;
import java.nio.file.Path;
import java.util.Deque;

/**
 * Where the replay commands find the engine's services: an option, else the environment ({@code KAFKA_BROKERS},
 * {@code SCHEMA_REGISTRY_URL}, {@code DATABASE_URL}), else the {@code endpoints.json} that {@code dev} writes under
 * the data dir. Without a registry URL the schemas are read from the {@code _schemas} topic itself, as the engine's
 * own registry stores them (no token needed).
 */
final class Connections {

    private Connections() {
    }

    static Path dataDir(Path option, EngineConfig config) {
        return option != null ? option.toAbsolutePath() : config.dataDir();
    }

    static String kafka(String option, EngineConfig config, Path dataDir) {
        if (option != null) {
            return option;
        }
        if (config.kafkaBrokers() != null) {
            return config.kafkaBrokers();
        }
        return Endpoints.read(dataDir).kafka();
    }

    static String database(String option, EngineConfig config, Path dataDir) {
        if (option != null) {
            return option;
        }
        if (config.databaseUrl() != null) {
            return config.databaseUrl();
        }
        return Endpoints.read(dataDir).database();
    }

    /** The registry client; what must be closed afterwards is pushed on {@code closeables}. */
    static SchemaRegistryClient registry(String option, EngineConfig config, String kafka,
                                         Deque<AutoCloseable> closeables) {
        String url = option != null ? option : config.schemaRegistryUrl();
        if (url != null) {
            return new CachedSchemaRegistryClient(new HttpSchemaRegistryClient(url));
        }
        KafkaSchemaStore store = KafkaSchemaStore.start(kafka);
        closeables.push(store);
        return store;
    }
}
