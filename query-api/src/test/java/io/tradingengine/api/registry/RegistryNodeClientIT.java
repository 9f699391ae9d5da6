package io.tradingengine.api.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingengine.avro.AssetClass;
import io.tradingengine.avro.Market;
import io.tradingengine.avro.MarketStatus;
import io.tradingengine.schemas.registry.SchemaVersion;
import io.tradingengine.schemas.serde.AvroDeserializer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real third-party Confluent client, {@code @confluentinc/schemaregistry} for Node.js (pinned in
 * {@code src/test/node/package-lock.json}), against the engine's /registry: it registers an older Market schema with
 * a bearer token, reads it back, checks compatibility and serializes a record, which the engine's own deserializer
 * then reads into the current Market (writer schema fetched by id, resolved to the reader's). Skipped without npm.
 */
class RegistryNodeClientIT {

    private static final Path PROJECT = Path.of("src", "test", "node");
    private static final long NPM_CI_SECONDS = 300;
    private static final long NODE_SECONDS = 60;

    /** What a producer built before title and source were added to Market would register. */
    private static final String PRODUCER_SCHEMA = "{\"type\":\"record\",\"name\":\"Market\","
            + "\"namespace\":\"io.tradingengine.avro\",\"fields\":["
            + "{\"name\":\"market\",\"type\":\"string\"},"
            + "{\"name\":\"assetClass\",\"type\":{\"type\":\"enum\",\"name\":\"AssetClass\","
            + "\"symbols\":[\"CRYPTO\",\"PREDICTION\"]}},"
            + "{\"name\":\"status\",\"type\":{\"type\":\"enum\",\"name\":\"MarketStatus\","
            + "\"symbols\":[\"OPEN\",\"HALTED\",\"CLOSED\",\"RESOLVED\",\"CANCELLED\"]}},"
            + "{\"name\":\"outcome\",\"type\":[\"null\",\"string\"],\"default\":null},"
            + "{\"name\":\"updatedAt\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}}]}";
    private static final String INCOMPATIBLE_SCHEMA = "{\"type\":\"record\",\"name\":\"Market\","
            + "\"namespace\":\"io.tradingengine.avro\",\"fields\":[{\"name\":\"market\",\"type\":\"long\"}]}";

    @TempDir
    static Path logs;

    @BeforeAll
    static void installClient() throws Exception {
        Assumptions.assumeTrue(onPath("npm") && onPath("node"), "npm and node are not installed");
        run(List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"), Map.of(), NPM_CI_SECONDS,
                logs.resolve("npm-ci.log"));
    }

    @Test
    void shouldServeConfluentsNodeClientWhoseRecordsTheEngineReads() throws Exception {
        String admin = RegistryHttp.token("root", "admin");
        try (RegistryHttp registry = new RegistryHttp(RegistrySettings.secured())) {
            Path out = logs.resolve("node.out");
            run(List.of("node", "client.mjs"), Map.of(
                    "REGISTRY_URL", registry.baseUrl() + "/registry",
                    "REGISTRY_TOKEN", admin,
                    "SUBJECT", "markets-value",
                    "TOPIC", "markets",
                    "PRODUCER_SCHEMA", PRODUCER_SCHEMA,
                    "NEWER_SCHEMA", Market.getClassSchema().toString(),
                    "INCOMPATIBLE_SCHEMA", INCOMPATIBLE_SCHEMA), NODE_SECONDS, out);
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            JsonNode result = RegistryHttp.MAPPER.readTree(lines.get(lines.size() - 1));

            SchemaVersion registered = registry.store.latest("markets-value").orElseThrow();
            assertThat(result.get("id").asInt()).isEqualTo(registered.id());
            assertThat(registered.schema()).isEqualTo(new Schema.Parser().parse(PRODUCER_SCHEMA));
            assertThat(result.get("version").asInt()).isEqualTo(1);
            assertThat(result.get("subjects").toString()).isEqualTo("[\"markets-value\"]");
            assertThat(result.get("newerCompatible").asBoolean()).isTrue();
            assertThat(result.get("incompatibleCompatible").asBoolean()).isFalse();

            byte[] payload = Base64.getDecoder().decode(result.get("payload").asText());
            assertThat(payload[0]).isZero();
            Market market;
            try (AvroDeserializer<Market> deserializer =
                         new AvroDeserializer<>(registry.store, Market.getClassSchema())) {
                market = deserializer.deserialize("markets", payload);
            }
            assertThat(market.getMarket()).isEqualTo("BTC-USD");
            assertThat(market.getAssetClass()).isEqualTo(AssetClass.CRYPTO);
            assertThat(market.getStatus()).isEqualTo(MarketStatus.OPEN);
            assertThat(market.getOutcome()).isNull();
            assertThat(market.getUpdatedAt()).isEqualTo(Instant.ofEpochMilli(1_767_225_600_000L));
            assertThat(market.getTitle()).isNull();
        }
    }

    private static void run(List<String> command, Map<String, String> env, long timeoutSeconds, Path output)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(PROJECT.toFile())
                .redirectErrorStream(false)
                .redirectOutput(output.toFile())
                .redirectError(new File(output + ".err"));
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s");
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(command + " exited " + process.exitValue() + ":\n"
                    + Files.readString(output) + Files.readString(Path.of(output + ".err")));
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
