package io.tradingengine.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Settings of the REST API, validated once. Null (or 0 for numbers, a negative {@code maxStandbyLag}) selects the
 * default.
 *
 * @param jwtSecret HS256 secret, at least 32 bytes (the {@code JWT_SECRET} variable)
 * @param orderWaitTimeout how long POST /orders and POST /assessments wait before answering 202 (default 2 s)
 * @param maxRequestBytes largest request body accepted; larger bodies get 413 (default 64 KiB)
 * @param applicationServer {@code host:port} of this instance as given to Kafka Streams' {@code application.server},
 *     or null when there is only one instance; with it, reads of keys another instance owns are forwarded there
 * @param jwtIssuer required {@code iss} claim, or null to not check it
 * @param jwtAudience required {@code aud} claim, or null to not check it
 * @param recentResultsCapacity how many recent order results are kept in memory for GET /orders/{id}
 * @param retryAfter the {@code Retry-After} given with 503 answers (default 1 s)
 * @param orderRatePerSecond orders per second each user may send on average (token bucket refill, default 20)
 * @param orderBurst orders a user may send at once after a pause (token bucket size, default 40)
 * @param maxStandbyLag how many changelog records a standby (or restoring) copy of a store may lag behind and still
 *     answer reads while the active copy cannot (default 1,000); 0 answers only from fully caught-up copies
 * @param forwardTimeout how long a read forwarded to the instance that owns the key may take (default 1 s)
 * @param idempotencyTtl how long an {@code Idempotency-Key} and its answer are remembered in Redis (default 24 h)
 * @param registryOpenReads whether {@code /registry} and {@code /ui/schemas} reads need no token (dev: true)
 */
public record ApiConfig(String jwtSecret, Duration orderWaitTimeout, long maxRequestBytes, String applicationServer,
                        String jwtIssuer, String jwtAudience, int recentResultsCapacity, Duration retryAfter,
                        int orderRatePerSecond, int orderBurst, long maxStandbyLag, Duration forwardTimeout,
                        Duration idempotencyTtl, boolean registryOpenReads) {

    public static final Duration DEFAULT_ORDER_WAIT = Duration.ofSeconds(2);
    public static final long DEFAULT_MAX_REQUEST_BYTES = 64 * 1024;
    public static final int DEFAULT_RECENT_RESULTS = 20_000;
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
    public static final int DEFAULT_ORDER_RATE_PER_SECOND = 20;
    public static final int DEFAULT_ORDER_BURST = 40;
    public static final long DEFAULT_MAX_STANDBY_LAG = 1_000;
    public static final Duration DEFAULT_FORWARD_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_IDEMPOTENCY_TTL = Duration.ofHours(24);
    /** HS256 needs a key at least as long as its 256-bit output. */
    public static final int MIN_SECRET_BYTES = 32;

    public ApiConfig {
        requireSecret(jwtSecret);
        orderWaitTimeout = orderWaitTimeout == null ? DEFAULT_ORDER_WAIT : orderWaitTimeout;
        if (orderWaitTimeout.isNegative() || orderWaitTimeout.isZero() || orderWaitTimeout.toSeconds() > 60) {
            throw new IllegalArgumentException("orderWaitTimeout must be > 0 and <= 60 s, was " + orderWaitTimeout);
        }
        maxRequestBytes = maxRequestBytes == 0 ? DEFAULT_MAX_REQUEST_BYTES : maxRequestBytes;
        if (maxRequestBytes < 0) {
            throw new IllegalArgumentException("maxRequestBytes must be > 0, was " + maxRequestBytes);
        }
        if (applicationServer != null) {
            parseHost(applicationServer);
        }
        recentResultsCapacity = recentResultsCapacity == 0 ? DEFAULT_RECENT_RESULTS : recentResultsCapacity;
        if (recentResultsCapacity < 0) {
            throw new IllegalArgumentException("recentResultsCapacity must be > 0, was " + recentResultsCapacity);
        }
        retryAfter = retryAfter == null ? DEFAULT_RETRY_AFTER : retryAfter;
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must be >= 0, was " + retryAfter);
        }
        orderRatePerSecond = orderRatePerSecond == 0 ? DEFAULT_ORDER_RATE_PER_SECOND : orderRatePerSecond;
        orderBurst = orderBurst == 0 ? Math.max(DEFAULT_ORDER_BURST, orderRatePerSecond) : orderBurst;
        if (orderRatePerSecond < 0 || orderBurst < 1) {
            throw new IllegalArgumentException("order rate limit must be > 0 per second with a burst >= 1, was "
                    + orderRatePerSecond + "/s burst " + orderBurst);
        }
        maxStandbyLag = maxStandbyLag < 0 ? DEFAULT_MAX_STANDBY_LAG : maxStandbyLag;
        forwardTimeout = forwardTimeout == null ? DEFAULT_FORWARD_TIMEOUT : forwardTimeout;
        if (forwardTimeout.isNegative() || forwardTimeout.isZero() || forwardTimeout.toSeconds() > 30) {
            throw new IllegalArgumentException("forwardTimeout must be > 0 and <= 30 s, was " + forwardTimeout);
        }
        idempotencyTtl = idempotencyTtl == null ? DEFAULT_IDEMPOTENCY_TTL : idempotencyTtl;
        if (idempotencyTtl.toMillis() < 1_000) {
            throw new IllegalArgumentException("idempotencyTtl must be >= 1 s, was " + idempotencyTtl);
        }
    }

    /** The settings of the first release (issue 2), every later setting at its default. */
    public ApiConfig(String jwtSecret, Duration orderWaitTimeout, long maxRequestBytes, String applicationServer,
                     String jwtIssuer, String jwtAudience, int recentResultsCapacity, Duration retryAfter) {
        this(jwtSecret, orderWaitTimeout, maxRequestBytes, applicationServer, jwtIssuer, jwtAudience,
                recentResultsCapacity, retryAfter, 0, 0, -1, null, null, false);
    }

    /** The defaults with this secret. */
    public static ApiConfig of(String jwtSecret) {
        return new ApiConfig(jwtSecret, null, 0, null, null, null, 0, null, 0, 0, -1, null, null, false);
    }

    /** The same config with {@code /registry} reads open to requests without a token (writes stay admin-only). */
    public ApiConfig withRegistryOpenReads(boolean open) {
        return new ApiConfig(jwtSecret, orderWaitTimeout, maxRequestBytes, applicationServer, jwtIssuer, jwtAudience,
                recentResultsCapacity, retryAfter, orderRatePerSecond, orderBurst, maxStandbyLag, forwardTimeout,
                idempotencyTtl, open);
    }

    public ApiConfig withOrderWaitTimeout(Duration timeout) {
        return new ApiConfig(jwtSecret, timeout, maxRequestBytes, applicationServer, jwtIssuer, jwtAudience,
                recentResultsCapacity, retryAfter, orderRatePerSecond, orderBurst, maxStandbyLag, forwardTimeout,
                idempotencyTtl, registryOpenReads);
    }

    public ApiConfig withMaxRequestBytes(long bytes) {
        return new ApiConfig(jwtSecret, orderWaitTimeout, bytes, applicationServer, jwtIssuer, jwtAudience,
                recentResultsCapacity, retryAfter, orderRatePerSecond, orderBurst, maxStandbyLag, forwardTimeout,
                idempotencyTtl, registryOpenReads);
    }

    public ApiConfig withApplicationServer(String hostAndPort) {
        return new ApiConfig(jwtSecret, orderWaitTimeout, maxRequestBytes, hostAndPort, jwtIssuer, jwtAudience,
                recentResultsCapacity, retryAfter, orderRatePerSecond, orderBurst, maxStandbyLag, forwardTimeout,
                idempotencyTtl, registryOpenReads);
    }

    public ApiConfig withJwtClaims(String issuer, String audience) {
        return new ApiConfig(jwtSecret, orderWaitTimeout, maxRequestBytes, applicationServer, issuer, audience,
                recentResultsCapacity, retryAfter, orderRatePerSecond, orderBurst, maxStandbyLag, forwardTimeout,
                idempotencyTtl, registryOpenReads);
    }

    public ApiConfig withRetryAfter(Duration retry) {
        return new ApiConfig(jwtSecret, orderWaitTimeout, maxRequestBytes, applicationServer, jwtIssuer, jwtAudience,
                recentResultsCapacity, retry, orderRatePerSecond, orderBurst, maxStandbyLag, forwardTimeout,
                idempotencyTtl, registryOpenReads);
    }

    /** Per-user order rate limit: {@code perSecond} on average, {@code burst} at once. */
    public ApiConfig withOrderRateLimit(int perSecond, int burst) {
        return new ApiConfig(jwtSecret, orderWaitTimeout, maxRequestBytes, applicationServer, jwtIssuer, jwtAudience,
                recentResultsCapacity, retryAfter, perSecond, burst, maxStandbyLag, forwardTimeout, idempotencyTtl,
                registryOpenReads);
    }

    public ApiConfig withMaxStandbyLag(long records) {
        if (records < 0) {
            throw new IllegalArgumentException("maxStandbyLag must be >= 0, was " + records);
        }
        return new ApiConfig(jwtSecret, orderWaitTimeout, maxRequestBytes, applicationServer, jwtIssuer, jwtAudience,
                recentResultsCapacity, retryAfter, orderRatePerSecond, orderBurst, records, forwardTimeout,
                idempotencyTtl, registryOpenReads);
    }

    public ApiConfig withForwardTimeout(Duration timeout) {
        return new ApiConfig(jwtSecret, orderWaitTimeout, maxRequestBytes, applicationServer, jwtIssuer, jwtAudience,
                recentResultsCapacity, retryAfter, orderRatePerSecond, orderBurst, maxStandbyLag, timeout,
                idempotencyTtl, registryOpenReads);
    }

    public ApiConfig withIdempotencyTtl(Duration ttl) {
        return new ApiConfig(jwtSecret, orderWaitTimeout, maxRequestBytes, applicationServer, jwtIssuer, jwtAudience,
                recentResultsCapacity, retryAfter, orderRatePerSecond, orderBurst, maxStandbyLag, forwardTimeout,
                ttl, registryOpenReads);
    }

    /** The {@code Retry-After} of 503 answers in whole seconds, at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    /** This instance's {@code application.server} as a {@link HostInfo}, or null. */
    public HostInfo applicationHost() {
        return applicationServer == null ? null : parseHost(applicationServer);
    }

    // Not part of the record's text form: the secret must never reach a log line.
    @Override
    public String toString() {
        return "ApiConfig[orderWaitTimeout=" + orderWaitTimeout + ", maxRequestBytes=" + maxRequestBytes
                + ", applicationServer=" + applicationServer + ", jwtIssuer=" + jwtIssuer + ", jwtAudience="
                + jwtAudience + ", recentResultsCapacity=" + recentResultsCapacity + ", retryAfter=" + retryAfter
                + ", orderRatePerSecond=" + orderRatePerSecond + ", orderBurst=" + orderBurst + ", maxStandbyLag="
                + maxStandbyLag + ", forwardTimeout=" + forwardTimeout + ", idempotencyTtl=" + idempotencyTtl + "]";
    }

    /**
     * Fails unless the secret is at least {@link #MIN_SECRET_BYTES} bytes of UTF-8.
     *
     * @throws IllegalArgumentException naming JWT_SECRET
     */
    public static void requireSecret(String secret) {
        if (secret == null) {
            throw new IllegalArgumentException("JWT_SECRET is required");
        }
        int length = secret.getBytes(StandardCharsets.UTF_8).length;
        if (length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("JWT_SECRET must be at least " + MIN_SECRET_BYTES
                    + " bytes for HS256, was " + length);
        }
    }

    private static HostInfo parseHost(String hostAndPort) {
        try {
            return HostInfo.buildFromEndpoint(hostAndPort);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("applicationServer must be host:port, was '" + hostAndPort + "'", e);
        }
    }
}
