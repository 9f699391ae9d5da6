package io.tradingengine.sink;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradingengine.avro.Trade;
import io.tradingengine.schemas.Topics;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes {@code trades} (read-committed, in a consumer group) into the {@code trades} table.
 *
 * <p>Records are collected in a {@link TradeBuffer} and written as one transaction per batch with an idempotent
 * insert ({@link TradeWriter}); the batch's offsets are committed to Kafka only after the database commit. A crash
 * between the two redelivers records whose rows already exist, and the insert ignores them: nothing is lost and
 * nothing is written twice. While the database fails, the sink pauses its partitions, keeps the failed batch and
 * retries it with exponential backoff behind a circuit breaker; it never drops a batch. Records that cannot be
 * deserialized are logged, counted and skipped; rows the database refuses as data are isolated, logged, counted
 * and left out.
 *
 * <p>Run it with {@link #start()} (own thread) or hand it to an executor as a {@link Runnable}; {@link #close()}
 * stops it from any thread, writing what is buffered when the database is reachable.
 */
public final class TradeSink implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TradeSink.class);
    private static final long MIN_BACKOFF_MILLIS = 100;
    private static final long CLOSE_TIMEOUT_SECONDS = 30;

    private final String topic;
    private final Consumer<String, byte[]> consumer;
    private final Deserializer<Trade> deserializer;
    private final TradeWriter writer;
    private final TradeBuffer buffer;
    private final SinkMetrics metrics;
    private final CircuitBreaker breaker;
    private final long maxBackoffMillis;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running;
    private volatile boolean waitingForDatabase;
    private volatile Thread thread;

    // Owned by the polling thread.
    private SinkBatch pending;
    private long backoffMillis;
    private long nextAttemptAtMillis;

    /** A sink on the brokers at {@code bootstrapServers}, writing to the database of {@code config}. */
    public TradeSink(SinkConfig config, String bootstrapServers, Topics topics, MeterRegistry meters) {
        this(config, consumerProperties(config, bootstrapServers), topics, meters);
    }

    /**
     * A sink with these consumer properties (at least {@code bootstrap.servers}; the settings the sink relies on,
     * such as read-committed isolation and manual commits, are enforced).
     */
    public TradeSink(SinkConfig config, Map<String, Object> consumerProperties, Topics topics, MeterRegistry meters) {
        this(config, new KafkaConsumer<>(enforced(config, consumerProperties), new StringDeserializer(),
                new ByteArrayDeserializer()), topics.trades.valueSerde().deserializer(),
                new TradeWriter(config.target().dataSource(), new PostgresDialect()), meters);
    }

    TradeSink(SinkConfig config, Consumer<String, byte[]> consumer, Deserializer<Trade> deserializer,
            TradeWriter writer, MeterRegistry meters) {
        this(config, Topics.TRADES, consumer, deserializer, writer, meters);
    }

    /** On another topic than {@code trades}: for tests that share a broker, each with its own topic. */
    TradeSink(SinkConfig config, String topic, Consumer<String, byte[]> consumer, Deserializer<Trade> deserializer,
            TradeWriter writer, MeterRegistry meters) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.buffer = new TradeBuffer(config.batchSize(), config.flushInterval().toMillis());
        this.metrics = new SinkMetrics(meters, topic);
        this.maxBackoffMillis = Math.max(MIN_BACKOFF_MILLIS, config.maxRetryBackoff().toMillis());
        this.breaker = CircuitBreaker.of("trade-sink-database", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(5)
                .minimumNumberOfCalls(3)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofMillis(maxBackoffMillis))
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
    }

    /** The consumer properties the sink uses for {@code config} and these brokers. */
    public static Map<String, Object> consumerProperties(SinkConfig config, String bootstrapServers) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, config.groupId());
        return enforced(config, properties);
    }

    private static Map<String, Object> enforced(SinkConfig config, Map<String, Object> given) {
        Map<String, Object> properties = new HashMap<>(given);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        // Only trades of committed transactions: an aborted attempt of the topology must never reach the table.
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Offsets move only after the database commit.
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A new group starts from the first trade ever written, not from now.
        properties.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(500, config.batchSize()));
        return properties;
    }

    /** Runs the sink on its own thread, {@code trade-sink}. */
    public void start() {
        Thread worker = new Thread(this, "trade-sink");
        thread = worker;
        worker.start();
    }

    /** The poll loop; returns when {@link #close()} is called or on a fatal Kafka error. Runs once per sink. */
    @Override
    public void run() {
        if (!claimed.compareAndSet(false, true)) {
            if (closing.get()) {
                return;
            }
            throw new IllegalStateException("The trade sink runs once; it is running or closed");
        }
        running = true;
        try {
            consumer.subscribe(List.of(topic), new Rebalance());
            while (!closing.get()) {
                pollOnce();
            }
        } catch (WakeupException e) {
            if (!closing.get()) {
                LOG.error("Trade sink woken up without being closed; stopping", e);
            }
        } catch (RuntimeException e) {
            LOG.error("Trade sink stopped on an unexpected error", e);
        } finally {
            running = false;
            shutDown();
            stopped.countDown();
        }
    }

    /** True while the poll loop runs. */
    public boolean isRunning() {
        return running;
    }

    /** True while a batch waits for the database to come back. */
    public boolean isWaitingForDatabase() {
        return waitingForDatabase;
    }

    public SinkMetrics metrics() {
        return metrics;
    }

    /** Stops the poll loop and waits for it (bounded), then releases the consumer and the connection. */
    @Override
    public void close() {
        if (closing.getAndSet(true) && stopped.getCount() == 0) {
            return;
        }
        if (claimed.compareAndSet(false, true)) {
            // Never ran: nothing to flush.
            closeQuietly();
            stopped.countDown();
            return;
        }
        consumer.wakeup();
        try {
            if (!stopped.await(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("Trade sink did not stop within {} s", CLOSE_TIMEOUT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pollOnce() {
        if (pending != null) {
            // The database is failing: keep the group membership alive without fetching more.
            consumer.pause(consumer.assignment());
            long wait = Math.max(0, nextAttemptAtMillis - nowMillis());
            receive(consumer.poll(Duration.ofMillis(wait)));
            if (pending != null && nowMillis() >= nextAttemptAtMillis) {
                attempt();
            }
            return;
        }
        receive(consumer.poll(Duration.ofMillis(buffer.millisUntilFlush(nowMillis()))));
        if (buffer.shouldFlush(nowMillis())) {
            pending = drain();
            attempt();
        }
    }

    /**
     * Drains the buffer, committing each partition's position rather than one past its last record: every record
     * before the position is in the batch, and the position is also past transaction markers and aborted records
     * the read-committed consumer never hands out, so the group's lag can reach zero.
     */
    private SinkBatch drain() {
        SinkBatch batch = buffer.drain();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(batch.offsets());
        for (TopicPartition partition : consumer.assignment()) {
            try {
                long position = consumer.position(partition, Duration.ZERO);
                offsets.merge(partition, new OffsetAndMetadata(position),
                        (tracked, current) -> tracked.offset() >= current.offset() ? tracked : current);
            } catch (TimeoutException e) {
                // No position known yet (just assigned): nothing consumed there, nothing to commit.
            }
        }
        return new SinkBatch(batch.rows(), offsets);
    }

    private void receive(ConsumerRecords<String, byte[]> records) {
        long now = nowMillis();
        for (ConsumerRecord<String, byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            Trade trade = decode(record);
            if (trade == null) {
                buffer.skip(partition, record.offset(), now);
            } else {
                buffer.add(partition, record.offset(), trade, now);
            }
        }
    }

    private Trade decode(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            metrics.skipped();
            LOG.warn("Skipping a trades record without value at {}-{}@{}", record.topic(), record.partition(),
                    record.offset());
            return null;
        }
        try {
            return deserializer.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            metrics.skipped();
            LOG.warn("Skipping an undecodable trades record at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return null;
        }
    }

    /** Writes the pending batch and commits its offsets; on failure keeps it pending and schedules a retry. */
    private boolean attempt() {
        SinkBatch batch = pending;
        try {
            WriteResult result = breaker.executeCallable(() -> write(batch));
            if (!batch.rows().isEmpty()) {
                metrics.written(result);
            }
        } catch (CallNotPermittedException e) {
            scheduleRetry();
            return false;
        } catch (Exception e) {
            metrics.writeFailed();
            scheduleRetry();
            LOG.warn("Writing {} trades failed; the batch is kept and retried in {} ms: {}", batch.rows().size(),
                    backoffMillis, e.toString());
            return false;
        }
        commit(batch.offsets());
        pending = null;
        recovered();
        return true;
    }

    private WriteResult write(SinkBatch batch) throws SQLException {
        try {
            return writer.write(batch.rows());
        } catch (SQLException e) {
            if (!TradeWriter.isDataError(e)) {
                throw e;
            }
            // One row the database refuses would block the batch forever: isolate it, write the rest.
            LOG.warn("A trades batch was refused as data ({}); writing it row by row", e.getMessage());
            return writer.writeRowByRow(batch.rows(), this::rejected);
        }
    }

    private void rejected(TradeRow row) {
        metrics.rejected();
        LOG.error("The database refused trade {} from {}@{}; it is left out", row.trade().getTradeId(),
                row.source(), row.offset());
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets);
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // The rows are in the database; the records come again after a rebalance and are ignored then.
            metrics.commitFailed();
            LOG.warn("Committing sink offsets failed after the database commit: {}", e.toString());
        }
    }

    private void recovered() {
        backoffMillis = 0;
        waitingForDatabase = false;
        consumer.resume(consumer.paused());
    }

    private void scheduleRetry() {
        waitingForDatabase = true;
        backoffMillis = backoffMillis == 0 ? MIN_BACKOFF_MILLIS : Math.min(maxBackoffMillis, backoffMillis * 2);
        nextAttemptAtMillis = nowMillis() + backoffMillis;
    }

    private void shutDown() {
        try {
            if (pending == null && !buffer.isEmpty()) {
                pending = drain();
                attempt();
            }
        } catch (RuntimeException e) {
            LOG.warn("Final flush of the trade sink failed: {}", e.toString());
        }
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            consumer.close();
        } catch (RuntimeException e) {
            LOG.warn("Closing the sink consumer failed: {}", e.toString());
        }
        writer.close();
    }

    private void forget(Collection<TopicPartition> partitions) {
        buffer.removePartitions(partitions);
        if (pending != null) {
            pending = pending.without(partitions);
            if (pending.isEmpty()) {
                pending = null;
                recovered();
            }
        }
    }

    private static long nowMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }

    /** Writes what is buffered before partitions move, and forgets what could not be written. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            if (pending == null && !buffer.isEmpty()) {
                pending = drain();
                attempt();
            }
            // Whatever is still unwritten was not committed: the next owner reads it again.
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (pending != null) {
                consumer.pause(partitions);
            }
        }
    }
}
