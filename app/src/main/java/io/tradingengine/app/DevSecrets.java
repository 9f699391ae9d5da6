package io.tradingengine.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/** The JWT secret: {@code JWT_SECRET} when set, else (dev) a random one kept under the data dir. */
final class DevSecrets {

    static final String SECRET_FILE = "jwt-secret";

    private DevSecrets() {
    }

    /**
     * The secret for tools pointed at a data dir ({@code load}, {@code load-ticks}): {@code JWT_SECRET} when set,
     * else the one kept in that dir (never created here).
     */
    static String jwtSecret(Path dataDir) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put(EngineConfig.DATA_DIR, dataDir.toString());
        return jwtSecret(EngineConfig.fromEnvironment(environment), false);
    }

    static String jwtSecret(EngineConfig config, boolean createIfMissing) {
        if (config.jwtSecret() != null) {
            if (config.jwtSecret().getBytes(StandardCharsets.UTF_8).length < 32) {
                throw new ConfigException(EngineConfig.JWT_SECRET, "(hidden)", "must be at least 32 bytes");
            }
            return config.jwtSecret();
        }
        Path file = config.dataDir().resolve(SECRET_FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            if (!createIfMissing) {
                throw new ConfigException(EngineConfig.JWT_SECRET, null,
                        "is not set and no dev secret exists at " + file + " (run ./trading-engine dev once)");
            }
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(file.getParent());
            Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the dev secret " + file, e);
        }
    }
}
