package io.tradingengine.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Settings of the REST API, validated once. Null (or 0 for numbers) selects the default.
 *
 * @param jwtSecret HS256 secret, at least 32 bytes (the {@code JWT_SECRET} variable)
 * @param orderWaitTimeout how long POST /orders and POST /assessments wait before answering 202 (default 2 s)
 * @param maxRequestBytes largest request body accepted; larger bodies get 413 (default 64 KiB)
 * @param applicationServer {@code host:port} of this instance as given to Kafka Streams' {@code application.server},
 *     or null when there is only one instance; with it, keys owned by another instance answer 503
 * @param jwtIssuer required {@code iss} claim, or null to not check it
 * @param jwtAudience required {@code aud} claim, or null to not check it
 * @param recentResultsCapacity how many recent order results are kept in memory for GET /orders/{id}
 * @param retryAfter the {@code Retry-After} given with 503 answers (default 1 s)
 */
public record ApiConfig(String jwtSecret, Duration orderWaitTimeout, long maxRequestBytes, String applicationServer,
                        String jwtIssuer, String jwtAudience, int recentResultsCapacity, Duration retryAfter) {

    public static final Duration DEFAULT_ORDER_WAIT = Duration.ofSeconds(2);
    public static final long DEFAULT_MAX_REQUEST_BYTES = 64 * 1024;
    public static final int DEFAULT_RECENT_RESULTS = 20_000;
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
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
    }

    /** The defaults with this secret. */
    public static ApiConfig of(String jwtSecret) {
        return new ApiConfig(jwtSecret, null, 0, null, null, null, 0, null);
    }

    public ApiConfig withOrderWaitTimeout(Duration timeout) {
        return new ApiConfig(jwtSecret, timeout, maxRequestBytes, applicationServer, jwtIssuer, jwtAudience,
                recentResultsCapacity, retryAfter);
    }

    public ApiConfig withMaxRequestBytes(long bytes) {
        return new ApiConfig(jwtSecret, orderWaitTimeout, bytes, applicationServer, jwtIssuer, jwtAudience,
                recentResultsCapacity, retryAfter);
    }

    public ApiConfig withApplicationServer(String hostAndPort) {
        return new ApiConfig(jwtSecret, orderWaitTimeout, maxRequestBytes, hostAndPort, jwtIssuer, jwtAudience,
                recentResultsCapacity, retryAfter);
    }

    public ApiConfig withJwtClaims(String issuer, String audience) {
        return new ApiConfig(jwtSecret, orderWaitTimeout, maxRequestBytes, applicationServer, issuer, audience,
                recentResultsCapacity, retryAfter);
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
                + "]";
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
