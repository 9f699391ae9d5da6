package io.tradingengine.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a running engine can be reached; {@code dev} writes it to {@code <data dir>/endpoints.json} so other
 * programs (and {@code load}) find the broker, registry, database and API.
 */
public record Endpoints(String http, String kafka, String schemaRegistry, String database, String redis) {

    public static final String FILE_NAME = "endpoints.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void write(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Path tmp = dataDir.resolve(FILE_NAME + ".tmp");
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, dataDir.resolve(FILE_NAME), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + dataDir.resolve(FILE_NAME), e);
        }
    }

    public static Endpoints read(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            return JSON.readValue(file.toFile(), Endpoints.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + " (is ./trading-engine dev running?)", e);
        }
    }
}
