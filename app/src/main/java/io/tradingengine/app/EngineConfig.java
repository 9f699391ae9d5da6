package io.tradingengine.app;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import io.tradingengine.ingest.IngestSettings;
import io.tradingengine.topology.StreamsSettings;
import io.tradingengine.topology.StreamsTuning;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The engine's configuration, declared once (key, type, default, doc, validator) with Kafka's own {@link ConfigDef}
 * and parsed once from the environment into typed values. A malformed value stops start-up with Kafka's
 * {@link ConfigException}, whose message names the variable.
 */
public final class EngineConfig extends AbstractConfig {

    public static final String KAFKA_BROKERS = "KAFKA_BROKERS";
    public static final String SCHEMA_REGISTRY_URL = "SCHEMA_REGISTRY_URL";
    public static final String DATABASE_URL = "DATABASE_URL";
    public static final String REDIS_URL = "REDIS_URL";
    public static final String JWT_SECRET = "JWT_SECRET";
    public static final String HTTP_PORT = "HTTP_PORT";
    public static final String CRYPTO_SLIPPAGE_PERCENT = "CRYPTO_SLIPPAGE_PERCENT";
    public static final String CRYPTO_FEE_PERCENT = "CRYPTO_FEE_PERCENT";
    public static final String PREDICTION_SLIPPAGE_PERCENT = "PREDICTION_SLIPPAGE_PERCENT";
    public static final String PREDICTION_FEE_PERCENT = "PREDICTION_FEE_PERCENT";
    public static final String STATE_DIR = "STATE_DIR";
    public static final String DATA_DIR = "DATA_DIR";
    public static final String FEEDS = "FEEDS";
    public static final String APPLICATION_ID = "APPLICATION_ID";
    public static final String APPLICATION_SERVER = "APPLICATION_SERVER";
    public static final String ORDER_WAIT_MS = "ORDER_WAIT_MS";
    public static final String TOPIC_PARTITIONS = "TOPIC_PARTITIONS";
    public static final String NUM_STANDBY_REPLICAS = "NUM_STANDBY_REPLICAS";
    public static final String COMMIT_INTERVAL_MS = "COMMIT_INTERVAL_MS";
    public static final String STREAM_THREADS = "STREAM_THREADS";
    public static final String STREAMS_LINGER_MS = "STREAMS_LINGER_MS";
    public static final String STREAMS_POLL_MS = "STREAMS_POLL_MS";
    public static final String CRYPTO_MAX_PRICE_AGE_MS = "CRYPTO_MAX_PRICE_AGE_MS";
    public static final String PREDICTION_MAX_PRICE_AGE_MS = "PREDICTION_MAX_PRICE_AGE_MS";
    public static final String ORDER_ID_RETENTION_HOURS = "ORDER_ID_RETENTION_HOURS";
    public static final String REGISTRY_OPEN_READS = "REGISTRY_OPEN_READS";
    public static final String ORDER_RATE_PER_SECOND = "ORDER_RATE_PER_SECOND";
    public static final String ORDER_BURST = "ORDER_BURST";

    /** Feeds this build can run. */
    public static final Set<String> KNOWN_FEEDS = Set.of("simulated", "coingecko", "kalshi", "polymarket");
    public static final Set<String> AVAILABLE_FEEDS = KNOWN_FEEDS;

    static final ConfigDef DEFINITION = new ConfigDef()
            .define(KAFKA_BROKERS, Type.STRING, null, Importance.HIGH,
                    "Kafka bootstrap servers (host:port,...). In dev, unset means the embedded broker.")
            .define(SCHEMA_REGISTRY_URL, Type.STRING, null, Importance.HIGH,
                    "Confluent-compatible schema registry URL. Unset means the engine's own registry in _schemas.")
            .define(DATABASE_URL, Type.STRING, null, Importance.HIGH,
                    "Trades database as postgresql://user:pass@host:port/db. In dev, unset means embedded PostgreSQL.")
            .define(REDIS_URL, Type.STRING, null, Importance.MEDIUM,
                    "redis://host:port. In dev, unset means embedded Redis.")
            .define(JWT_SECRET, Type.PASSWORD, null, Importance.HIGH,
                    "HS256 secret of at least 32 bytes. In dev, unset means the secret kept under the data dir.")
            .define(HTTP_PORT, Type.INT, 8080, ConfigDef.Range.between(0, 65535), Importance.HIGH,
                    "Port of the REST API.")
            .define(CRYPTO_SLIPPAGE_PERCENT, Type.STRING, "0.001", new FractionValidator(), Importance.MEDIUM,
                    "Slippage of crypto fills as a fraction of the price (0.001 = 0.1 %).")
            .define(CRYPTO_FEE_PERCENT, Type.STRING, "0.001", new FractionValidator(), Importance.MEDIUM,
                    "Fee of crypto fills as a fraction of the notional.")
            .define(PREDICTION_SLIPPAGE_PERCENT, Type.STRING, "0.002", new FractionValidator(), Importance.MEDIUM,
                    "Slippage of prediction-market fills as a fraction of the price.")
            .define(PREDICTION_FEE_PERCENT, Type.STRING, "0.002", new FractionValidator(), Importance.MEDIUM,
                    "Fee of prediction-market fills as a fraction of the notional.")
            .define(STATE_DIR, Type.STRING, null, Importance.MEDIUM,
                    "Kafka Streams state directory (RocksDB). Default: <data dir>/streams.")
            .define(DATA_DIR, Type.STRING, "data", Importance.MEDIUM,
                    "Where dev keeps the embedded broker, database, state and secret.")
            .define(FEEDS, Type.LIST, "simulated", new FeedsValidator(), Importance.MEDIUM,
                    "Market-data feeds to run: simulated, coingecko, kalshi, polymarket.")
            .define(APPLICATION_ID, Type.STRING, "trading-engine", new ConfigDef.NonEmptyString(), Importance.LOW,
                    "Kafka Streams application id.")
            .define(APPLICATION_SERVER, Type.STRING, null, Importance.LOW,
                    "host:port this instance's REST API is reachable at, for interactive queries across instances.")
            .define(ORDER_WAIT_MS, Type.LONG, 2000L, ConfigDef.Range.between(0, 60_000), Importance.LOW,
                    "How long POST /orders waits for the result before answering 202.")
            .define(TOPIC_PARTITIONS, Type.INT, 6, ConfigDef.Range.between(1, 1024), Importance.LOW,
                    "Partitions of the engine's topics when it creates them.")
            .define(NUM_STANDBY_REPLICAS, Type.INT, 0, ConfigDef.Range.between(0, 10), Importance.LOW,
                    "Standby replicas of the Streams state stores.")
            .define(COMMIT_INTERVAL_MS, Type.INT, StreamsSettings.COMMIT_INTERVAL_MS,
                    ConfigDef.Range.between(1, 60_000), Importance.LOW,
                    "Kafka Streams commit interval: results become visible to read-committed readers at commits.")
            .define(STREAM_THREADS, Type.INT, StreamsSettings.STREAM_THREADS, ConfigDef.Range.between(1, 64),
                    Importance.LOW, "Kafka Streams threads of this instance.")
            .define(STREAMS_LINGER_MS, Type.INT, StreamsSettings.PRODUCER_LINGER_MS,
                    ConfigDef.Range.between(0, 1_000), Importance.LOW, "linger.ms of the Kafka Streams producer.")
            .define(STREAMS_POLL_MS, Type.INT, StreamsSettings.POLL_MS, ConfigDef.Range.between(0, 60_000),
                    Importance.LOW, "poll.ms of Kafka Streams: how long a thread waits for input when none is buffered.")
            .define(CRYPTO_MAX_PRICE_AGE_MS, Type.LONG, 60_000L, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                    "Oldest crypto price an order fills against, else STALE_PRICE; 0 turns the check off.")
            .define(PREDICTION_MAX_PRICE_AGE_MS, Type.LONG, 300_000L, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                    "Oldest prediction-market price an order fills against, else STALE_PRICE; 0 turns it off.")
            .define(ORDER_ID_RETENTION_HOURS, Type.LONG, 168L, ConfigDef.Range.between(1, 24L * 365),
                    Importance.LOW, "How long an order id is remembered so a repeat gets its first result.")
            .define(ORDER_RATE_PER_SECOND, Type.INT, 20, ConfigDef.Range.between(1, 1_000_000), Importance.LOW,
                    "Orders per second one user may place over REST (token bucket; 429 with Retry-After beyond).")
            .define(ORDER_BURST, Type.INT, 40, ConfigDef.Range.between(1, 1_000_000), Importance.LOW,
                    "Burst of the per-user order token bucket.")
            .define(REGISTRY_OPEN_READS, Type.BOOLEAN, null, Importance.LOW,
                    "Whether /registry and /ui/schemas reads need no token. Default: true in dev, false in run.");

    private final IngestSettings ingest;

    private EngineConfig(Map<String, ?> values, IngestSettings ingest) {
        super(DEFINITION, values, false);
        this.ingest = ingest;
    }

    /**
     * Reads the engine's variables from an environment map. Blank values count as unset, as in most shells' usage
     * of {@code VAR= command}.
     */
    public static EngineConfig fromEnvironment(Map<String, String> environment) {
        Map<String, Object> values = new HashMap<>();
        for (String key : DEFINITION.names()) {
            String value = environment.get(key);
            if (value != null && !value.isBlank()) {
                values.put(key, value.trim());
            }
        }
        // The market-data variables (keys, what to track, base URLs, timings) are declared by the connectors' own
        // settings, next to the code that uses them, and parsed here at the same time.
        return new EngineConfig(values, IngestSettings.fromEnvironment(environment));
    }

    /** Settings of the market-data connectors (COINGECKO_*, KALSHI_*, POLYMARKET_*, ...). */
    public IngestSettings ingest() {
        return ingest;
    }

    public String kafkaBrokers() {
        return getString(KAFKA_BROKERS);
    }

    public String schemaRegistryUrl() {
        return getString(SCHEMA_REGISTRY_URL);
    }

    public String databaseUrl() {
        return getString(DATABASE_URL);
    }

    public String redisUrl() {
        return getString(REDIS_URL);
    }

    public String jwtSecret() {
        Password password = getPassword(JWT_SECRET);
        return password == null ? null : password.value();
    }

    public int httpPort() {
        return getInt(HTTP_PORT);
    }

    public BigDecimal cryptoSlippage() {
        return new BigDecimal(getString(CRYPTO_SLIPPAGE_PERCENT));
    }

    public BigDecimal cryptoFee() {
        return new BigDecimal(getString(CRYPTO_FEE_PERCENT));
    }

    public BigDecimal predictionSlippage() {
        return new BigDecimal(getString(PREDICTION_SLIPPAGE_PERCENT));
    }

    public BigDecimal predictionFee() {
        return new BigDecimal(getString(PREDICTION_FEE_PERCENT));
    }

    public Path dataDir() {
        return Path.of(getString(DATA_DIR)).toAbsolutePath();
    }

    public Path stateDir() {
        String stateDir = getString(STATE_DIR);
        return stateDir == null ? dataDir().resolve("streams") : Path.of(stateDir).toAbsolutePath();
    }

    public List<String> feeds() {
        List<String> feeds = new ArrayList<>();
        for (String feed : getList(FEEDS)) {
            feeds.add(feed.trim().toLowerCase(Locale.ROOT));
        }
        return feeds;
    }

    public String applicationId() {
        return getString(APPLICATION_ID);
    }

    public String applicationServer() {
        return getString(APPLICATION_SERVER);
    }

    public long orderWaitMs() {
        return getLong(ORDER_WAIT_MS);
    }

    public int topicPartitions() {
        return getInt(TOPIC_PARTITIONS);
    }

    /** Commit interval, stream threads, producer linger, standby replicas and poll time of the Streams instance. */
    public StreamsTuning streamsTuning() {
        return new StreamsTuning(getInt(COMMIT_INTERVAL_MS), getInt(STREAM_THREADS), getInt(STREAMS_LINGER_MS),
                getInt(NUM_STANDBY_REPLICAS), getInt(STREAMS_POLL_MS));
    }

    public java.time.Duration cryptoMaxPriceAge() {
        return java.time.Duration.ofMillis(getLong(CRYPTO_MAX_PRICE_AGE_MS));
    }

    public java.time.Duration predictionMaxPriceAge() {
        return java.time.Duration.ofMillis(getLong(PREDICTION_MAX_PRICE_AGE_MS));
    }

    public java.time.Duration orderIdRetention() {
        return java.time.Duration.ofHours(getLong(ORDER_ID_RETENTION_HOURS));
    }

    public int orderRatePerSecond() {
        return getInt(ORDER_RATE_PER_SECOND);
    }

    public int orderBurst() {
        return getInt(ORDER_BURST);
    }

    /** REGISTRY_OPEN_READS as set, else the command's default. */
    public boolean registryOpenReads(boolean defaultValue) {
        Boolean open = getBoolean(REGISTRY_OPEN_READS);
        return open == null ? defaultValue : open;
    }

    /** Requires a value that {@code run} cannot do without. */
    public String required(String key) {
        Object value = originals().get(key);
        if (value == null) {
            throw new ConfigException(key, null, "is required by this command");
        }
        return value.toString();
    }

    /** A decimal fraction in [0, 1). */
    static final class FractionValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                BigDecimal fraction = new BigDecimal(String.valueOf(value).trim());
                if (fraction.signum() < 0 || fraction.compareTo(BigDecimal.ONE) >= 0) {
                    throw new ConfigException(name, value, "must be a fraction in [0, 1), e.g. 0.001 for 0.1 %");
                }
            } catch (NumberFormatException e) {
                throw new ConfigException(name, value, "must be a decimal number, e.g. 0.001");
            }
        }

        @Override
        public String toString() {
            return "a decimal fraction in [0, 1)";
        }
    }

    /** Known feed names; the ones not built yet are refused with a clear message rather than ignored. */
    static final class FeedsValidator implements ConfigDef.Validator {
        @Override
        @SuppressWarnings("unchecked")
        public void ensureValid(String name, Object value) {
            for (String feed : (List<String>) value) {
                String normalized = feed.trim().toLowerCase(Locale.ROOT);
                if (!KNOWN_FEEDS.contains(normalized)) {
                    throw new ConfigException(name, value, "unknown feed '" + feed + "'; known: " + KNOWN_FEEDS);
                }
                if (!AVAILABLE_FEEDS.contains(normalized)) {
                    throw new ConfigException(name, value, "feed '" + feed + "' is not available in this build yet");
                }
            }
        }

        @Override
        public String toString() {
            return "comma list of " + KNOWN_FEEDS;
        }
    }
}
