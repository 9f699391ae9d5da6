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
 * @param writeMode     how claimed rows are inserted on PostgreSQL: COPY (default) or batched INSERT
 * @param partitionMonthsAhead how many months of partitions (PostgreSQL) are kept created ahead of the current one
 */
public record SinkConfig(
        String jdbcUrl,
        String user,
        String password,
        String groupId,
        int batchSize,
        Duration flushInterval,
        Duration maxRetryBackoff,
        SinkWriter.WriteMode writeMode,
        int partitionMonthsAhead) {

    public static final String DEFAULT_GROUP_ID = "trading-engine-sink";
    /** Large enough that COPY pays off under load (docs/sink-and-replay.md); idle batches flush by time. */
    public static final int DEFAULT_BATCH_SIZE = 2000;
    /** Bounds the delay from trade commit to row when load is light. */
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(100);
    public static final Duration DEFAULT_MAX_RETRY_BACKOFF = Duration.ofSeconds(5);
    /** COPY on PostgreSQL (about 1.4x batched INSERT, docs/sink-and-replay.md); CockroachDB always inserts. */
    public static final SinkWriter.WriteMode DEFAULT_WRITE_MODE = SinkWriter.WriteMode.COPY;
    public static final int DEFAULT_PARTITION_MONTHS_AHEAD = 3;

    public SinkConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(flushInterval, "flushInterval");
        Objects.requireNonNull(maxRetryBackoff, "maxRetryBackoff");
        Objects.requireNonNull(writeMode, "writeMode");
        if (partitionMonthsAhead < 0) {
            throw new IllegalArgumentException("partitionMonthsAhead must be >= 0, got " + partitionMonthsAhead);
        }
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
                DEFAULT_BATCH_SIZE, DEFAULT_FLUSH_INTERVAL, DEFAULT_MAX_RETRY_BACKOFF, DEFAULT_WRITE_MODE,
                DEFAULT_PARTITION_MONTHS_AHEAD);
    }

    /** Defaults for everything but the database, given as {@code DATABASE_URL} (see {@link JdbcTarget#parse}). */
    public static SinkConfig fromDatabaseUrl(String databaseUrl) {
        return of(JdbcTarget.parse(databaseUrl));
    }

    public JdbcTarget target() {
        return new JdbcTarget(jdbcUrl, user, password);
    }

    public SinkConfig withGroupId(String newGroupId) {
        return new SinkConfig(jdbcUrl, user, password, newGroupId, batchSize, flushInterval, maxRetryBackoff,
                writeMode, partitionMonthsAhead);
    }

    public SinkConfig withBatching(int newBatchSize, Duration newFlushInterval) {
        return new SinkConfig(jdbcUrl, user, password, groupId, newBatchSize, newFlushInterval, maxRetryBackoff,
                writeMode, partitionMonthsAhead);
    }

    public SinkConfig withMaxRetryBackoff(Duration newMaxRetryBackoff) {
        return new SinkConfig(jdbcUrl, user, password, groupId, batchSize, flushInterval, newMaxRetryBackoff,
                writeMode, partitionMonthsAhead);
    }

    public SinkConfig withWriteMode(SinkWriter.WriteMode newWriteMode) {
        return new SinkConfig(jdbcUrl, user, password, groupId, batchSize, flushInterval, maxRetryBackoff,
                newWriteMode, partitionMonthsAhead);
    }

    @Override
    public String toString() {
        return "SinkConfig[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password="
                + (password == null ? null : "***") + ", groupId=" + groupId + ", batchSize=" + batchSize
                + ", flushInterval=" + flushInterval + ", maxRetryBackoff=" + maxRetryBackoff + ", writeMode="
                + writeMode + ", partitionMonthsAhead=" + partitionMonthsAhead + "]";
    }
}
