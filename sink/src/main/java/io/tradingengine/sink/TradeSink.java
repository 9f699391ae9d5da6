package io.tradingengine.sink;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradingengine.avro.OrderResult;
import io.tradingengine.avro.Trade;
import io.tradingengine.schemas.Topics;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
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
 * Consumes {@code trades} and {@code order-results} (read-committed, in a consumer group) into the {@code trades}
 * and {@code order_results} tables, exactly once.
 *
 * <p>Records are collected in a {@link TradeBuffer} and written by a {@link SinkWriter} as one database transaction
 * per batch (by size or time), together with the positions the batch reaches in {@code sink_offsets}. When
 * partitions are assigned, the consumer seeks to the positions stored in the database, not to Kafka's committed
 * offsets: rows and positions commit together, so a crash at any point neither loses a record nor reads one that is
 * already in the table. The inserts are idempotent on the trade id and order id as well, for what the positions
 * cannot cover (a reprocessed topology emits the same ids again, a zombie consumer writes late). After the database
 * commit the positions are committed to Kafka too, for lag tools only.
 *
 * <p>While the database fails, the sink pauses its partitions (group membership stays alive), keeps the failed batch
 * and retries it with exponential backoff behind a circuit breaker; it never drops a batch, and catches up when the
 * database is back. Partitions assigned while the database is down stay paused until their positions can be read.
 * Records that cannot be deserialized are logged, counted and skipped; rows the database refuses as data are
 * isolated, logged, counted and left out. On PostgreSQL the month partitions are kept created
 * {@link SinkConfig#partitionMonthsAhead()} months ahead. Meters: {@link SinkMetrics}, one per topic.
 *
 * <p>Run it with {@link #start()} (own thread) or hand it to an executor as a {@link Runnable}; {@link #close()}
 * stops it from any thread, writing what is buffered when the database is reachable.
 */
public final class TradeSink implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TradeSink.class);
    private static final long MIN_BACKOFF_MILLIS = 100;
    private static final long CLOSE_TIMEOUT_SECONDS = 30;
    private static final long MAINTENANCE_INTERVAL_MILLIS = TimeUnit.HOURS.toMillis(1);
    private static final long MAINTENANCE_RETRY_MILLIS = TimeUnit.MINUTES.toMillis(1);

    /** The two topics a sink reads. */
    record SinkTopics(String trades, String orderResults) {

        static final SinkTopics LIVE = new SinkTopics(Topics.TRADES, Topics.ORDER_RESULTS);

        List<String> all() {
            return List.of(trades, orderResults);
        }
    }

    private final SinkTopics topics;
    private final Consumer<String, byte[]> consumer;
    private final Deserializer<Trade> tradeDeserializer;
    private final Deserializer<OrderResult> resultDeserializer;
    private final SinkWriter writer;
    private final TradeBuffer buffer;
    private final SinkMetrics metrics;
    private final SinkMetrics resultMetrics;
    private final CircuitBreaker breaker;
    private final long maxBackoffMillis;
    private final int partitionMonthsAhead;
    private final long flushIntervalMillis;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running;
    private volatile boolean waitingForDatabase;
    private volatile boolean killed;
    private volatile Thread thread;

    // Owned by the polling thread.
    private final Set<TopicPartition> unpositioned = new HashSet<>();
    private final Map<TopicPartition, Long> storedPositions = new HashMap<>();
    private SinkBatch pending;
    private long backoffMillis;
    private long nextAttemptAtMillis;
    private long positionBackoffMillis;
    private long nextPositionAttemptAtMillis;
    private long nextMaintenanceAtMillis;
    private long nextIdleCheckAtMillis;

    /** A sink on the brokers at {@code bootstrapServers}, writing to the database of {@code config}. */
    public TradeSink(SinkConfig config, String bootstrapServers, Topics topics, MeterRegistry meters) {
        this(config, consumerProperties(config, bootstrapServers), topics, meters);
    }

    /**
     * A sink with these consumer properties (at least {@code bootstrap.servers}; the settings the sink relies on,
     * such as read-committed isolation and manual commits, are enforced).
     */
    public TradeSink(SinkConfig config, Map<String, Object> consumerProperties, Topics topics, MeterRegistry meters) {
        this(config, SinkTopics.LIVE, new KafkaConsumer<>(enforced(config, consumerProperties),
                        new StringDeserializer(), new ByteArrayDeserializer()),
                topics.trades.valueSerde().deserializer(), topics.orderResults.valueSerde().deserializer(),
                new SinkWriter(config.target().batchingDataSource(), null, new OffsetStore(config.groupId()),
                        config.writeMode()), meters);
    }

    /** On other topics than the live ones: for tests that share a broker, each with its own topics. */
    TradeSink(SinkConfig config, SinkTopics topics, Consumer<String, byte[]> consumer,
              Deserializer<Trade> tradeDeserializer, Deserializer<OrderResult> resultDeserializer, SinkWriter writer,
              MeterRegistry meters) {
        this.topics = Objects.requireNonNull(topics, "topics");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.tradeDeserializer = Objects.requireNonNull(tradeDeserializer, "tradeDeserializer");
        this.resultDeserializer = Objects.requireNonNull(resultDeserializer, "resultDeserializer");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.buffer = new TradeBuffer(config.batchSize(), config.flushInterval().toMillis());
        this.metrics = new SinkMetrics(meters, topics.trades());
        this.resultMetrics = new SinkMetrics(meters, topics.orderResults());
        this.maxBackoffMillis = Math.max(MIN_BACKOFF_MILLIS, config.maxRetryBackoff().toMillis());
        this.partitionMonthsAhead = config.partitionMonthsAhead();
        this.flushIntervalMillis = config.flushInterval().toMillis();
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
        // Only records of committed transactions: an aborted attempt of the topology must never reach the table.
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Positions live in the database; Kafka's copy is committed after it, for lag tools.
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A new group with no stored position starts from the first record ever written, not from now.
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
        thread = Thread.currentThread();
        running = true;
        try {
            consumer.subscribe(topics.all(), new Rebalance());
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
            if (killed) {
                closeQuietly();
            } else {
                shutDown();
            }
            stopped.countDown();
        }
    }

    /** True while the poll loop runs. */
    public boolean isRunning() {
        return running;
    }

    /** True while a batch, or the positions of assigned partitions, wait for the database to come back. */
    public boolean isWaitingForDatabase() {
        return waitingForDatabase;
    }

    /** The meters of the {@code trades} topic. */
    public SinkMetrics metrics() {
        return metrics;
    }

    /** The meters of the {@code order-results} topic. */
    public SinkMetrics orderResultMetrics() {
        return resultMetrics;
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
        awaitStop();
    }

    /**
     * Simulates a crash, for tests: the loop stops at its next step without writing, flushing or committing anything
     * more (a transaction in flight is rolled back with its connection). Callable from the sink's own thread (a
     * commit hook), then it does not wait.
     */
    void kill() {
        killed = true;
        closing.set(true);
        if (Thread.currentThread() != thread) {
            consumer.wakeup();
            awaitStop();
        }
    }

    private void awaitStop() {
        try {
            if (!stopped.await(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("Trade sink did not stop within {} s", CLOSE_TIMEOUT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pollOnce() {
        maintainPartitions();
        positionAssigned();
        if (pending != null) {
            // The database is failing: keep the group membership alive without fetching more.
            consumer.pause(consumer.assignment());
            long wait = Math.max(0, nextAttemptAtMillis - nowMillis());
            receive(consumer.poll(Duration.ofMillis(wait)));
            if (pending != null && nowMillis() >= nextAttemptAtMillis && !closing.get()) {
                attempt();
            }
            updateLag();
            return;
        }
        long wait = buffer.millisUntilFlush(nowMillis());
        if (!unpositioned.isEmpty()) {
            wait = Math.min(wait, Math.max(0, nextPositionAttemptAtMillis - nowMillis()));
        }
        receive(consumer.poll(Duration.ofMillis(wait)));
        if (buffer.shouldFlush(nowMillis()) && !closing.get()) {
            pending = drain();
            attempt();
        } else if (buffer.isEmpty() && nowMillis() >= nextIdleCheckAtMillis && !closing.get()) {
            storeMovedPositions();
        }
        updateLag();
    }

    /**
     * With nothing buffered, stores positions that moved without a record to write (past transaction markers and
     * aborted records, which a read-committed consumer skips), at most once per flush interval: so a restart does
     * not re-read them and the lag reaches zero.
     */
    private void storeMovedPositions() {
        nextIdleCheckAtMillis = nowMillis() + flushIntervalMillis;
        Map<TopicPartition, OffsetAndMetadata> moved = new HashMap<>();
        for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : drain().offsets().entrySet()) {
            Long stored = storedPositions.get(entry.getKey());
            // Nothing stored and still at 0 is nothing worth a transaction.
            if (stored == null ? entry.getValue().offset() > 0 : stored < entry.getValue().offset()) {
                moved.put(entry.getKey(), entry.getValue());
            }
        }
        if (!moved.isEmpty()) {
            pending = new SinkBatch(List.of(), List.of(), moved);
            attempt();
        }
    }

    /** Keeps the month partitions created ahead (PostgreSQL), once an hour; a failure is retried a minute later. */
    private void maintainPartitions() {
        long now = nowMillis();
        if (now < nextMaintenanceAtMillis) {
            return;
        }
        try {
            writer.ensurePartitionsAhead(Instant.now(), partitionMonthsAhead);
            nextMaintenanceAtMillis = now + MAINTENANCE_INTERVAL_MILLIS;
        } catch (SQLException | RuntimeException e) {
            nextMaintenanceAtMillis = now + MAINTENANCE_RETRY_MILLIS;
            LOG.warn("Creating the month partitions ahead failed; retrying in a minute: {}", e.toString());
        }
    }

    /** Seeks partitions assigned while the database was down to their stored positions, once it answers. */
    private void positionAssigned() {
        if (unpositioned.isEmpty() || nowMillis() < nextPositionAttemptAtMillis) {
            return;
        }
        Set<TopicPartition> waiting = new HashSet<>(unpositioned);
        waiting.retainAll(consumer.assignment());
        try {
            Map<TopicPartition, Long> stored = writer.storedOffsets(waiting);
            stored.forEach(consumer::seek);
            storedPositions.putAll(stored);
            unpositioned.clear();
            positionBackoffMillis = 0;
            if (pending == null) {
                consumer.resume(waiting);
                waitingForDatabase = false;
            }
            LOG.info("Sink partitions positioned from the database: {}", stored);
        } catch (SQLException | RuntimeException e) {
            positionBackoffMillis = nextBackoff(positionBackoffMillis);
            nextPositionAttemptAtMillis = nowMillis() + positionBackoffMillis;
            waitingForDatabase = true;
            LOG.warn("Reading the sink positions failed; retrying in {} ms: {}", positionBackoffMillis, e.toString());
        }
    }

    /**
     * Drains the buffer, storing each partition's position rather than one past its last record: every record
     * before the position is in the batch, and the position is also past transaction markers and aborted records
     * the read-committed consumer never hands out, so the group's lag can reach zero.
     */
    private SinkBatch drain() {
        SinkBatch batch = buffer.drain();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(batch.offsets());
        for (TopicPartition partition : consumer.assignment()) {
            if (unpositioned.contains(partition)) {
                continue;
            }
            try {
                long position = consumer.position(partition, Duration.ZERO);
                offsets.merge(partition, new OffsetAndMetadata(position),
                        (tracked, current) -> tracked.offset() >= current.offset() ? tracked : current);
            } catch (TimeoutException e) {
                // No position known yet (just assigned): nothing consumed there, nothing to store.
            }
        }
        return batch.withOffsets(offsets);
    }

    private void receive(ConsumerRecords<String, byte[]> records) {
        long now = nowMillis();
        for (ConsumerRecord<String, byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (record.topic().equals(topics.orderResults())) {
                OrderResult result = decode(record, resultDeserializer, resultMetrics);
                if (result == null) {
                    buffer.skip(partition, record.offset(), now);
                } else {
                    buffer.addOrderResult(partition, record.offset(), result, now);
                }
            } else {
                Trade trade = decode(record, tradeDeserializer, metrics);
                if (trade == null) {
                    buffer.skip(partition, record.offset(), now);
                } else {
                    buffer.add(partition, record.offset(), trade, now);
                }
            }
        }
    }

    private static <T> T decode(ConsumerRecord<String, byte[]> record, Deserializer<T> deserializer,
                                SinkMetrics meters) {
        if (record.value() == null) {
            meters.skipped();
            LOG.warn("Skipping a record without value at {}-{}@{}", record.topic(), record.partition(),
                    record.offset());
            return null;
        }
        try {
            return deserializer.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            meters.skipped();
            LOG.warn("Skipping an undecodable record at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return null;
        }
    }

    /** Writes the pending batch with its positions; on failure keeps it pending and schedules a retry. */
    private boolean attempt() {
        SinkBatch batch = pending;
        SinkWriter.BatchResult result;
        try {
            result = breaker.executeCallable(() -> write(batch));
        } catch (CallNotPermittedException e) {
            scheduleRetry();
            return false;
        } catch (Exception e) {
            metrics.writeFailed();
            scheduleRetry();
            LOG.warn("Writing {} rows failed; the batch is kept and retried in {} ms: {}", batch.size(),
                    backoffMillis, e.toString());
            return false;
        }
        if (killed) {
            return false;
        }
        recordWritten(batch, result);
        batch.offsets().forEach((partition, offset) -> storedPositions.put(partition, offset.offset()));
        commitToKafka(batch.offsets());
        pending = null;
        recovered();
        return true;
    }

    private SinkWriter.BatchResult write(SinkBatch batch) throws SQLException {
        try {
            return writer.write(batch);
        } catch (SQLException e) {
            if (!SinkWriter.isDataError(e)) {
                throw e;
            }
            // One row the database refuses would block the batch forever: isolate it, write the rest.
            LOG.warn("A sink batch was refused as data ({}); writing it row by row", e.getMessage());
            return writer.writeRowByRow(batch, this::rejected);
        }
    }

    private void recordWritten(SinkBatch batch, SinkWriter.BatchResult result) {
        if (!batch.rows().isEmpty()) {
            metrics.written(result.trades());
        }
        if (!batch.orderResults().isEmpty()) {
            resultMetrics.written(result.orderResults());
        }
        long now = System.currentTimeMillis();
        for (TradeRow row : batch.rows()) {
            metrics.delay(now - row.trade().getExecutedAt().toEpochMilli());
        }
        for (OrderResultRow row : batch.orderResults()) {
            resultMetrics.delay(now - row.result().getProcessedAt().toEpochMilli());
        }
    }

    private void rejected(Object row) {
        if (row instanceof TradeRow trade) {
            metrics.rejected();
            LOG.error("The database refused trade {} from {}@{}; it is left out", trade.trade().getTradeId(),
                    trade.source(), trade.offset());
        } else if (row instanceof OrderResultRow result) {
            resultMetrics.rejected();
            LOG.error("The database refused the result of order {} from {}@{}; it is left out",
                    result.result().getOrderId(), result.source(), result.offset());
        }
    }

    /** Kafka's copy of the positions, for lag tools; the database's copy is the one the sink reads. */
    private void commitToKafka(Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitAsync(offsets, (committed, e) -> {
                if (e != null) {
                    metrics.commitFailed();
                    LOG.debug("Committing sink offsets to Kafka failed (the database holds them): {}", e.toString());
                }
            });
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            metrics.commitFailed();
            LOG.debug("Committing sink offsets to Kafka failed (the database holds them): {}", e.toString());
        }
    }

    private void updateLag() {
        long trades = 0;
        long results = 0;
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong lag;
            try {
                lag = consumer.currentLag(partition);
            } catch (RuntimeException e) {
                continue;
            }
            if (lag.isEmpty()) {
                continue;
            }
            if (partition.topic().equals(topics.orderResults())) {
                results += lag.getAsLong();
            } else {
                trades += lag.getAsLong();
            }
        }
        metrics.lag(trades);
        resultMetrics.lag(results);
    }

    private void recovered() {
        backoffMillis = 0;
        waitingForDatabase = !unpositioned.isEmpty();
        Set<TopicPartition> resume = new HashSet<>(consumer.paused());
        resume.removeAll(unpositioned);
        consumer.resume(resume);
    }

    private void scheduleRetry() {
        waitingForDatabase = true;
        backoffMillis = nextBackoff(backoffMillis);
        nextAttemptAtMillis = nowMillis() + backoffMillis;
    }

    private long nextBackoff(long current) {
        return current == 0 ? MIN_BACKOFF_MILLIS : Math.min(maxBackoffMillis, current * 2);
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
        unpositioned.removeAll(partitions);
        storedPositions.keySet().removeAll(partitions);
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

    /**
     * Seeks newly assigned partitions to the positions stored in the database; writes what is buffered before
     * partitions move, and forgets what could not be written.
     */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty() || killed) {
                return;
            }
            if (pending == null && !buffer.isEmpty()) {
                pending = drain();
                attempt();
            }
            // Whatever is still unwritten has no stored position: the next owner reads it again.
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            try {
                Map<TopicPartition, Long> stored = writer.storedOffsets(partitions);
                // Partitions without a stored position start from Kafka's committed offset (a sink upgraded from
                // Kafka-only offsets), else from the earliest record; the idempotent inserts absorb any overlap.
                stored.forEach(consumer::seek);
                storedPositions.putAll(stored);
                if (pending != null) {
                    consumer.pause(partitions);
                }
            } catch (SQLException | RuntimeException e) {
                unpositioned.addAll(partitions);
                consumer.pause(partitions);
                positionBackoffMillis = nextBackoff(positionBackoffMillis);
                nextPositionAttemptAtMillis = nowMillis() + positionBackoffMillis;
                waitingForDatabase = true;
                LOG.warn("Reading the sink positions of {} failed; they stay paused until the database answers: {}",
                        partitions, e.toString());
            }
        }
    }
}
