package io.tradingengine.sink;

import java.time.Duration;
import java.util.Objects;

/**
 * The sink's settings, parsed once: the database ({@link JdbcTarget}), the consumer group and the batching rules.
 *
 * @param jdbcUrl       {@code jdbc:postgresql://} URL of the trades database (PostgreSQL or CockroachDB)
 * @param user          database user, may be null
 * @param password      database password, may be null
 * @param groupId       Kafka consumer group id
 * @param batchSize     a batch is written as soon as it holds this many records
 * @param flushInterval a non-empty batch is written at the latest this long after its first record arrived
 * @param maxRetryBackoff the longest wait between two attempts to write a batch while the database fails
 */
public record SinkConfig(
        String jdbcUrl,
        String user,
        String password,
        String groupId,
        int batchSize,
        Duration flushInterval,
        Duration maxRetryBackoff) {

    public static final String DEFAULT_GROUP_ID = "trading-engine-sink";
    public static final int DEFAULT_BATCH_SIZE = 500;
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(200);
    public static final Duration DEFAULT_MAX_RETRY_BACKOFF = Duration.ofSeconds(5);

    public SinkConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(flushInterval, "flushInterval");
        Objects.requireNonNull(maxRetryBackoff, "maxRetryBackoff");
        if (groupId.isBlank()) {
            throw new IllegalArgumentException("groupId must not be blank");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("flushInterval must be positive, got " + flushInterval);
        }
        if (maxRetryBackoff.isNegative() || maxRetryBackoff.isZero()) {
            throw new IllegalArgumentException("maxRetryBackoff must be positive, got " + maxRetryBackoff);
        }
    }

    /** Defaults for everything but the database. */
    public static SinkConfig of(JdbcTarget target) {
        return new SinkConfig(target.jdbcUrl(), target.user(), target.password(), DEFAULT_GROUP_ID,
                DEFAULT_BATCH_SIZE, DEFAULT_FLUSH_INTERVAL, DEFAULT_MAX_RETRY_BACKOFF);
    }

    /** Defaults for everything but the database, given as {@code DATABASE_URL} (see {@link JdbcTarget#parse}). */
    public static SinkConfig fromDatabaseUrl(String databaseUrl) {
        return of(JdbcTarget.parse(databaseUrl));
    }

    public JdbcTarget target() {
        return new JdbcTarget(jdbcUrl, user, password);
    }

    public SinkConfig withGroupId(String newGroupId) {
        return new SinkConfig(jdbcUrl, user, password, newGroupId, batchSize, flushInterval, maxRetryBackoff);
    }

    public SinkConfig withBatching(int newBatchSize, Duration newFlushInterval) {
        return new SinkConfig(jdbcUrl, user, password, groupId, newBatchSize, newFlushInterval, maxRetryBackoff);
    }

    public SinkConfig withMaxRetryBackoff(Duration newMaxRetryBackoff) {
        return new SinkConfig(jdbcUrl, user, password, groupId, batchSize, flushInterval, newMaxRetryBackoff);
    }

    @Override
    public String toString() {
        return "SinkConfig[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password="
                + (password == null ? null : "***") + ", groupId=" + groupId + ", batchSize=" + batchSize
                + ", flushInterval=" + flushInterval + ", maxRetryBackoff=" + maxRetryBackoff + "]";
    }
}
