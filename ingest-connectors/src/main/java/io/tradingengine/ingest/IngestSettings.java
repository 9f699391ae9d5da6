package io.tradingengine.ingest;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the market-data connectors need, parsed once from environment variables ({@link #fromEnvironment}).
 * Every variable is optional ({@link #VARIABLES} lists them with their defaults); a malformed value throws
 * {@link IllegalArgumentException} naming the variable. Durations are written {@code 250ms}, {@code 30s},
 * {@code 5m}, {@code 1h}, a bare number of seconds, or ISO-8601 ({@code PT30S}).
 *
 * @param coingecko     the primary crypto source
 * @param coinMarketCap the crypto failover, used only with a key and only while Coingecko's breaker is open
 * @param kalshi        the Kalshi WebSocket and its REST fallback
 * @param polymarket    the Polymarket CLOB WebSocket and Gamma status polling
 * @param resilience    timeouts, retries, breakers, reconnect backoff and heartbeats, shared by every source
 * @param maxTickAge    a connector that published nothing for this long reports itself DEGRADED
 */
public record IngestSettings(
        Coingecko coingecko,
        CoinMarketCap coinMarketCap,
        Kalshi kalshi,
        Polymarket polymarket,
        Resilience resilience,
        Duration maxTickAge) {

    /** One documented environment variable. */
    public record Variable(String name, String defaultValue, String description) {
    }

    /** Coingecko's two keyed plans; without a key the public (keyless) API on the demo host is used. */
    public enum CoingeckoPlan {
        /** Free key: {@code api.coingecko.com}, header {@code x-cg-demo-api-key}. */
        DEMO,
        /** Paid key: {@code pro-api.coingecko.com}, header {@code x-cg-pro-api-key}. */
        PRO
    }

    /**
     * A Coingecko coin id and the market id it is published as ({@code bitcoin:BTC/USD}); the quote currency after
     * the slash is the {@code vs_currency} asked for.
     */
    public record CoinMapping(String coinId, String market) {

        public CoinMapping {
            Objects.requireNonNull(coinId, "coinId");
            Objects.requireNonNull(market, "market");
        }

        /** The quote currency in lower case ({@code usd} for {@code BTC/USD}). */
        public String quoteCurrency() {
            return market.substring(market.indexOf('/') + 1).toLowerCase(Locale.ROOT);
        }
    }

    /** Coingecko {@code /simple/price} polling. {@code apiKey} is null for keyless use. */
    public record Coingecko(List<CoinMapping> coins, String apiKey, CoingeckoPlan plan, URI baseUrl,
            Duration pollInterval, int rateLimitPerMinute) {

        public Coingecko {
            coins = List.copyOf(coins);
        }
    }

    /** CoinMarketCap quotes; {@code apiKey} null means no failover. */
    public record CoinMarketCap(String apiKey, URI baseUrl, Duration pollInterval, int rateLimitPerMinute) {

        /** True when a key is configured, the only case in which CoinMarketCap is used. */
        public boolean enabled() {
            return apiKey != null;
        }
    }

    /** Kalshi; the key id and private key path are both set (signed handshake) or both null. */
    public record Kalshi(List<String> tickers, String apiKeyId, Path privateKeyPath, URI restUrl, URI wsUrl,
            Duration pollInterval, int rateLimitPerMinute) {

        public Kalshi {
            tickers = List.copyOf(tickers);
        }

        /** True when requests are signed. */
        public boolean signed() {
            return apiKeyId != null;
        }
    }

    /** Polymarket, by CLOB token id. */
    public record Polymarket(List<String> tokenIds, URI wsUrl, URI gammaUrl, Duration gammaPollInterval,
            int rateLimitPerMinute) {

        public Polymarket {
            tokenIds = List.copyOf(tokenIds);
        }
    }

    /**
     * @param httpTimeout          connect and request timeout
     * @param retryMaxAttempts     attempts per call for transient failures (5xx, timeouts), at least 1
     * @param retryWait            the first wait between attempts (then doubling, jittered)
     * @param breakerWindow        calls a breaker looks at; it opens when half of them failed
     * @param breakerOpenDuration  how long an open breaker waits before a half-open probe
     * @param reconnectMinBackoff  first reconnect delay (then doubling, jittered)
     * @param reconnectMaxBackoff  longest reconnect delay
     * @param heartbeatInterval    how often a WebSocket connector pings (Polymarket's text PING, Kalshi's ping)
     * @param idleTimeout          a WebSocket that received nothing for this long is dropped and reconnected
     */
    public record Resilience(Duration httpTimeout, int retryMaxAttempts, Duration retryWait, int breakerWindow,
            Duration breakerOpenDuration, Duration reconnectMinBackoff, Duration reconnectMaxBackoff,
            Duration heartbeatInterval, Duration idleTimeout) {
    }

    public static final String COINGECKO_IDS = "COINGECKO_IDS";
    public static final String COINGECKO_API_KEY = "COINGECKO_API_KEY";
    public static final String COINGECKO_API_PLAN = "COINGECKO_API_PLAN";
    public static final String COINGECKO_BASE_URL = "COINGECKO_BASE_URL";
    public static final String COINGECKO_POLL_INTERVAL = "COINGECKO_POLL_INTERVAL";
    public static final String COINGECKO_RATE_LIMIT_PER_MINUTE = "COINGECKO_RATE_LIMIT_PER_MINUTE";
    public static final String COINMARKETCAP_API_KEY = "COINMARKETCAP_API_KEY";
    public static final String COINMARKETCAP_BASE_URL = "COINMARKETCAP_BASE_URL";
    public static final String COINMARKETCAP_POLL_INTERVAL = "COINMARKETCAP_POLL_INTERVAL";
    public static final String COINMARKETCAP_RATE_LIMIT_PER_MINUTE = "COINMARKETCAP_RATE_LIMIT_PER_MINUTE";
    public static final String KALSHI_TICKERS = "KALSHI_TICKERS";
    public static final String KALSHI_API_KEY_ID = "KALSHI_API_KEY_ID";
    public static final String KALSHI_PRIVATE_KEY_PATH = "KALSHI_PRIVATE_KEY_PATH";
    public static final String KALSHI_REST_URL = "KALSHI_REST_URL";
    public static final String KALSHI_WS_URL = "KALSHI_WS_URL";
    public static final String KALSHI_POLL_INTERVAL = "KALSHI_POLL_INTERVAL";
    public static final String KALSHI_RATE_LIMIT_PER_MINUTE = "KALSHI_RATE_LIMIT_PER_MINUTE";
    public static final String POLYMARKET_TOKEN_IDS = "POLYMARKET_TOKEN_IDS";
    public static final String POLYMARKET_WS_URL = "POLYMARKET_WS_URL";
    public static final String POLYMARKET_GAMMA_URL = "POLYMARKET_GAMMA_URL";
    public static final String POLYMARKET_GAMMA_POLL_INTERVAL = "POLYMARKET_GAMMA_POLL_INTERVAL";
    public static final String POLYMARKET_RATE_LIMIT_PER_MINUTE = "POLYMARKET_RATE_LIMIT_PER_MINUTE";
    public static final String FEED_MAX_TICK_AGE = "FEED_MAX_TICK_AGE";
    public static final String INGEST_HTTP_TIMEOUT = "INGEST_HTTP_TIMEOUT";
    public static final String INGEST_RETRY_MAX_ATTEMPTS = "INGEST_RETRY_MAX_ATTEMPTS";
    public static final String INGEST_RETRY_WAIT = "INGEST_RETRY_WAIT";
    public static final String INGEST_BREAKER_WINDOW = "INGEST_BREAKER_WINDOW";
    public static final String INGEST_BREAKER_OPEN_DURATION = "INGEST_BREAKER_OPEN_DURATION";
    public static final String INGEST_RECONNECT_MIN_BACKOFF = "INGEST_RECONNECT_MIN_BACKOFF";
    public static final String INGEST_RECONNECT_MAX_BACKOFF = "INGEST_RECONNECT_MAX_BACKOFF";
    public static final String INGEST_WS_HEARTBEAT_INTERVAL = "INGEST_WS_HEARTBEAT_INTERVAL";
    public static final String INGEST_WS_IDLE_TIMEOUT = "INGEST_WS_IDLE_TIMEOUT";

    /** The public Coingecko host (keyless and demo keys). */
    public static final String COINGECKO_PUBLIC_URL = "https://api.coingecko.com/api/v3";
    /** The Coingecko host for pro keys. */
    public static final String COINGECKO_PRO_URL = "https://pro-api.coingecko.com/api/v3";

    /** Every variable, its default (empty when unset means off or none) and what it does. */
    public static final List<Variable> VARIABLES = List.of(
            new Variable(COINGECKO_IDS, "bitcoin:BTC/USD,ethereum:ETH/USD",
                    "Coingecko coin ids to track and the market id each is published as"),
            new Variable(COINGECKO_API_KEY, "", "Coingecko key; none means the keyless public API"),
            new Variable(COINGECKO_API_PLAN, "demo", "demo or pro: which host and header the key belongs to"),
            new Variable(COINGECKO_BASE_URL, COINGECKO_PUBLIC_URL + " (pro: " + COINGECKO_PRO_URL + ")",
                    "Coingecko API root"),
            new Variable(COINGECKO_POLL_INTERVAL, "30s", "time between /simple/price polls"),
            new Variable(COINGECKO_RATE_LIMIT_PER_MINUTE, "30", "most Coingecko requests a minute"),
            new Variable(COINMARKETCAP_API_KEY, "",
                    "CoinMarketCap key; only with it does CoinMarketCap stand in while Coingecko's breaker is open"),
            new Variable(COINMARKETCAP_BASE_URL, "https://pro-api.coinmarketcap.com", "CoinMarketCap API root"),
            new Variable(COINMARKETCAP_POLL_INTERVAL, "60s", "time between quote polls during a failover"),
            new Variable(COINMARKETCAP_RATE_LIMIT_PER_MINUTE, "30", "most CoinMarketCap requests a minute"),
            new Variable(KALSHI_TICKERS, "", "comma list of Kalshi market tickers to track"),
            new Variable(KALSHI_API_KEY_ID, "", "Kalshi API key id; set together with KALSHI_PRIVATE_KEY_PATH"),
            new Variable(KALSHI_PRIVATE_KEY_PATH, "", "PEM RSA private key (PKCS#1 or PKCS#8) for RSA-PSS signing"),
            new Variable(KALSHI_REST_URL, "https://api.elections.kalshi.com/trade-api/v2", "Kalshi REST root"),
            new Variable(KALSHI_WS_URL, "wss://api.elections.kalshi.com/trade-api/ws/v2", "Kalshi WebSocket"),
            new Variable(KALSHI_POLL_INTERVAL, "5s", "REST polling interval while the WebSocket is down"),
            new Variable(KALSHI_RATE_LIMIT_PER_MINUTE, "600", "most Kalshi REST requests a minute"),
            new Variable(POLYMARKET_TOKEN_IDS, "", "comma list of Polymarket CLOB token ids to track"),
            new Variable(POLYMARKET_WS_URL, "wss://ws-subscriptions-clob.polymarket.com/ws/market",
                    "Polymarket CLOB market WebSocket"),
            new Variable(POLYMARKET_GAMMA_URL, "https://gamma-api.polymarket.com", "Polymarket Gamma API root"),
            new Variable(POLYMARKET_GAMMA_POLL_INTERVAL, "30s", "time between Gamma status polls"),
            new Variable(POLYMARKET_RATE_LIMIT_PER_MINUTE, "600", "most Gamma requests a minute"),
            new Variable(FEED_MAX_TICK_AGE, "120s", "a connector without a tick for this long is DEGRADED"),
            new Variable(INGEST_HTTP_TIMEOUT, "10s", "connect and request timeout"),
            new Variable(INGEST_RETRY_MAX_ATTEMPTS, "3", "attempts per request for 5xx, timeouts, HTML pages"),
            new Variable(INGEST_RETRY_WAIT, "500ms", "first wait between attempts (doubling, jittered)"),
            new Variable(INGEST_BREAKER_WINDOW, "4", "calls a circuit breaker judges; half failed opens it"),
            new Variable(INGEST_BREAKER_OPEN_DURATION, "60s", "open-breaker wait before a half-open probe"),
            new Variable(INGEST_RECONNECT_MIN_BACKOFF, "1s", "first WebSocket reconnect delay (doubling, jittered)"),
            new Variable(INGEST_RECONNECT_MAX_BACKOFF, "60s", "longest WebSocket reconnect delay"),
            new Variable(INGEST_WS_HEARTBEAT_INTERVAL, "10s", "WebSocket ping interval"),
            new Variable(INGEST_WS_IDLE_TIMEOUT, "30s", "a WebSocket silent this long is reconnected"));

    private static final Map<String, String> DEFAULTS = defaultValues();
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");
    private static final Pattern TOKEN = Pattern.compile("\\S+");

    public IngestSettings {
        Objects.requireNonNull(coingecko, "coingecko");
        Objects.requireNonNull(coinMarketCap, "coinMarketCap");
        Objects.requireNonNull(kalshi, "kalshi");
        Objects.requireNonNull(polymarket, "polymarket");
        Objects.requireNonNull(resilience, "resilience");
        Objects.requireNonNull(maxTickAge, "maxTickAge");
    }

    /** The settings with every default (no keys, nothing to track on Kalshi or Polymarket). */
    public static IngestSettings defaults() {
        return fromEnvironment(Map.of());
    }

    /**
     * Parses the variables of {@link #VARIABLES} out of {@code env} (other entries are ignored; blank counts as
     * unset).
     *
     * @throws IllegalArgumentException naming the variable whose value is malformed
     */
    public static IngestSettings fromEnvironment(Map<String, String> env) {
        Reader in = new Reader(env);
        CoingeckoPlan plan = in.plan();
        String coingeckoKey = in.optional(COINGECKO_API_KEY);
        URI coingeckoUrl = in.has(COINGECKO_BASE_URL) ? in.url(COINGECKO_BASE_URL, "http", "https")
                : URI.create(plan == CoingeckoPlan.PRO && coingeckoKey != null ? COINGECKO_PRO_URL
                        : COINGECKO_PUBLIC_URL);
        Coingecko coingecko = new Coingecko(in.coins(), coingeckoKey, plan, coingeckoUrl,
                in.duration(COINGECKO_POLL_INTERVAL), in.positiveInt(COINGECKO_RATE_LIMIT_PER_MINUTE));
        CoinMarketCap coinMarketCap = new CoinMarketCap(in.optional(COINMARKETCAP_API_KEY),
                in.url(COINMARKETCAP_BASE_URL, "http", "https"), in.duration(COINMARKETCAP_POLL_INTERVAL),
                in.positiveInt(COINMARKETCAP_RATE_LIMIT_PER_MINUTE));
        String keyId = in.optional(KALSHI_API_KEY_ID);
        Path keyPath = in.keyPath();
        if ((keyId == null) != (keyPath == null)) {
            String missing = keyId == null ? KALSHI_API_KEY_ID : KALSHI_PRIVATE_KEY_PATH;
            throw new IllegalArgumentException(missing + " must be set together with "
                    + (keyId == null ? KALSHI_PRIVATE_KEY_PATH : KALSHI_API_KEY_ID));
        }
        Kalshi kalshi = new Kalshi(in.tokens(KALSHI_TICKERS), keyId, keyPath, in.url(KALSHI_REST_URL, "http",
                "https"), in.url(KALSHI_WS_URL, "ws", "wss"), in.duration(KALSHI_POLL_INTERVAL),
                in.positiveInt(KALSHI_RATE_LIMIT_PER_MINUTE));
        Polymarket polymarket = new Polymarket(in.tokens(POLYMARKET_TOKEN_IDS), in.url(POLYMARKET_WS_URL, "ws",
                "wss"), in.url(POLYMARKET_GAMMA_URL, "http", "https"), in.duration(POLYMARKET_GAMMA_POLL_INTERVAL),
                in.positiveInt(POLYMARKET_RATE_LIMIT_PER_MINUTE));
        Resilience resilience = new Resilience(in.duration(INGEST_HTTP_TIMEOUT),
                in.positiveInt(INGEST_RETRY_MAX_ATTEMPTS), in.duration(INGEST_RETRY_WAIT),
                in.positiveInt(INGEST_BREAKER_WINDOW), in.duration(INGEST_BREAKER_OPEN_DURATION),
                in.duration(INGEST_RECONNECT_MIN_BACKOFF), in.duration(INGEST_RECONNECT_MAX_BACKOFF),
                in.duration(INGEST_WS_HEARTBEAT_INTERVAL), in.duration(INGEST_WS_IDLE_TIMEOUT));
        if (resilience.reconnectMaxBackoff().compareTo(resilience.reconnectMinBackoff()) < 0) {
            throw new IllegalArgumentException(INGEST_RECONNECT_MAX_BACKOFF + " must not be below "
                    + INGEST_RECONNECT_MIN_BACKOFF);
        }
        if (resilience.idleTimeout().compareTo(resilience.heartbeatInterval()) <= 0) {
            throw new IllegalArgumentException(INGEST_WS_IDLE_TIMEOUT + " must be longer than "
                    + INGEST_WS_HEARTBEAT_INTERVAL);
        }
        return new IngestSettings(coingecko, coinMarketCap, kalshi, polymarket, resilience,
                in.duration(FEED_MAX_TICK_AGE));
    }

    /** Parses a duration as documented on the class; null when it is not one. */
    static Duration parseDuration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        Matcher matcher = DURATION.matcher(value);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            String unit = matcher.group(2) == null ? "s" : matcher.group(2);
            switch (unit) {
                case "ms":
                    return Duration.ofMillis(amount);
                case "m":
                    return Duration.ofMinutes(amount);
                case "h":
                    return Duration.ofHours(amount);
                default:
                    return Duration.ofSeconds(amount);
            }
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Map<String, String> defaultValues() {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (Variable variable : VARIABLES) {
            defaults.put(variable.name(), variable.defaultValue());
        }
        // The documented default names both hosts; the parser picks one by plan.
        defaults.put(COINGECKO_BASE_URL, COINGECKO_PUBLIC_URL);
        return defaults;
    }

    /** Reads one variable at a time, naming it in every error. */
    private static final class Reader {

        private final Map<String, String> env;

        Reader(Map<String, String> env) {
            this.env = Objects.requireNonNull(env, "env");
        }

        boolean has(String name) {
            String value = env.get(name);
            return value != null && !value.isBlank();
        }

        String raw(String name) {
            return has(name) ? env.get(name).trim() : DEFAULTS.get(name);
        }

        String optional(String name) {
            String value = raw(name);
            return value == null || value.isEmpty() ? null : value;
        }

        Duration duration(String name) {
            String value = raw(name);
            Duration duration = parseDuration(value);
            if (duration == null || duration.isZero() || duration.isNegative()) {
                throw invalid(name, value, "a positive duration such as 250ms, 30s, 5m or PT30S");
            }
            return duration;
        }

        int positiveInt(String name) {
            String value = raw(name);
            try {
                int parsed = Integer.parseInt(value);
                if (parsed > 0) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw invalid(name, value, "a positive whole number");
        }

        URI url(String name, String... schemes) {
            String value = raw(name);
            try {
                URI uri = new URI(value);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (uri.getHost() != null && List.of(schemes).contains(scheme)) {
                    return uri;
                }
            } catch (URISyntaxException e) {
                // reported below
            }
            throw invalid(name, value, "an absolute " + String.join(" or ", schemes) + " URL");
        }

        CoingeckoPlan plan() {
            String value = raw(COINGECKO_API_PLAN);
            try {
                return CoingeckoPlan.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw invalid(COINGECKO_API_PLAN, value, "demo or pro");
            }
        }

        List<CoinMapping> coins() {
            String value = raw(COINGECKO_IDS);
            List<CoinMapping> coins = new ArrayList<>();
            Set<String> ids = new LinkedHashSet<>();
            for (String entry : value.split(",")) {
                String item = entry.trim();
                if (item.isEmpty()) {
                    continue;
                }
                int colon = item.indexOf(':');
                String id = colon < 0 ? "" : item.substring(0, colon).trim();
                String market = colon < 0 ? "" : item.substring(colon + 1).trim();
                int slash = market.indexOf('/');
                if (id.isEmpty() || !TOKEN.matcher(id).matches() || slash <= 0 || slash == market.length() - 1
                        || !TOKEN.matcher(market).matches() || !ids.add(id)) {
                    throw invalid(COINGECKO_IDS, value, "a comma list of distinct coinId:BASE/QUOTE such as "
                            + "bitcoin:BTC/USD (bad entry '" + item + "')");
                }
                coins.add(new CoinMapping(id, market));
            }
            return coins;
        }

        List<String> tokens(String name) {
            String value = raw(name);
            Set<String> tokens = new LinkedHashSet<>();
            for (String entry : value.split(",")) {
                String item = entry.trim();
                if (item.isEmpty()) {
                    continue;
                }
                if (!TOKEN.matcher(item).matches()) {
                    throw invalid(name, value, "a comma list of ids without spaces (bad entry '" + item + "')");
                }
                tokens.add(item);
            }
            return List.copyOf(tokens);
        }

        Path keyPath() {
            String value = optional(KALSHI_PRIVATE_KEY_PATH);
            if (value == null) {
                return null;
            }
            try {
                Path path = Path.of(value);
                if (Files.isRegularFile(path) && Files.isReadable(path)) {
                    return path;
                }
            } catch (InvalidPathException e) {
                // reported below
            }
            throw invalid(KALSHI_PRIVATE_KEY_PATH, value, "a readable PEM file");
        }

        private static IllegalArgumentException invalid(String name, String value, String expected) {
            return new IllegalArgumentException(name + " is malformed: '" + value + "'; expected " + expected);
        }
    }
}
