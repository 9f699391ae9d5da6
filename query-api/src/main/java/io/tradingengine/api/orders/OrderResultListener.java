package io.tradingengine.api.orders;

import io.tradingengine.avro.OrderResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer of {@code order-results} shared by all waiting requests: it reads every partition (no group, read
 * committed) from the end, remembers recent results and completes the waiter of each order id. Runs on its own
 * thread until {@link #close()}.
 */
final class OrderResultListener implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OrderResultListener.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration METADATA_RETRY = Duration.ofSeconds(1);

    private final Consumer<String, OrderResult> consumer;
    private final String topic;
    private final RecentResults recent;
    private final Map<String, CompletableFuture<OrderResult>> waiters = new ConcurrentHashMap<>();
    private final AtomicReference<String> notReady = new AtomicReference<>("order-results listener starting");
    private final Thread thread;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile boolean started;

    OrderResultListener(Consumer<String, OrderResult> consumer, String topic, int recentCapacity) {
        this.consumer = consumer;
        this.topic = topic;
        this.recent = new RecentResults(recentCapacity);
        this.thread = new Thread(this, "order-results-listener");
        this.thread.setDaemon(true);
    }

    void start() {
        started = true;
        thread.start();
    }

    /**
     * The future of an order's result; the same future for concurrent waiters of one order id. Register before the
     * order is sent, so the result cannot slip past.
     */
    CompletableFuture<OrderResult> await(String orderId) {
        CompletableFuture<OrderResult> future = waiters.computeIfAbsent(orderId, id -> new CompletableFuture<>());
        // The result may have arrived between the caller's cache check and the registration.
        recent.get(orderId).ifPresent(result -> complete(orderId, result));
        return future;
    }

    /** Forgets a waiter that gave up (timeout or failed send). */
    void release(String orderId, CompletableFuture<OrderResult> future) {
        waiters.remove(orderId, future);
    }

    Optional<OrderResult> recent(String orderId) {
        return recent.get(orderId);
    }

    Optional<String> notReadyReason() {
        return Optional.ofNullable(notReady.get());
    }

    int waiting() {
        return waiters.size();
    }

    @Override
    public void run() {
        try {
            assignFromEnd();
            while (running) {
                pollOnce();
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("order-results listener woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            LOG.error("order-results listener stopped", e);
            notReady.set("order-results listener failed: " + e.getMessage());
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
        }
    }

    private void assignFromEnd() {
        List<PartitionInfo> partitions = partitions();
        while (running && partitions.isEmpty()) {
            sleepQuietly(METADATA_RETRY);
            partitions = partitions();
        }
        if (!running) {
            return;
        }
        List<TopicPartition> assignment = partitions.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(assignment);
        consumer.seekToEnd(assignment);
        // seekToEnd is lazy; resolve the positions now so a result produced after "ready" is never skipped.
        assignment.forEach(consumer::position);
        notReady.set(null);
        LOG.info("Listening for order results on {} partitions of {}", assignment.size(), topic);
    }

    private List<PartitionInfo> partitions() {
        try {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic);
            if (partitions == null || partitions.isEmpty()) {
                notReady.set("topic " + topic + " not found yet");
                return List.of();
            }
            return partitions;
        } catch (TimeoutException e) {
            notReady.set("Kafka not reachable: " + e.getMessage());
            return List.of();
        }
    }

    private void pollOnce() {
        ConsumerRecords<String, OrderResult> records;
        try {
            records = consumer.poll(POLL);
        } catch (RecordDeserializationException e) {
            // One unreadable record must not stop every waiter: skip it.
            LOG.warn("Skipping unreadable record {}@{}: {}", e.topicPartition(), e.offset(), e.getMessage());
            consumer.seek(e.topicPartition(), e.offset() + 1);
            return;
        }
        for (ConsumerRecord<String, OrderResult> record : records) {
            OrderResult result = record.value();
            if (result != null) {
                recent.put(result);
                complete(result.getOrderId(), recent.get(result.getOrderId()).orElse(result));
            }
        }
    }

    private void complete(String orderId, OrderResult result) {
        CompletableFuture<OrderResult> waiter = waiters.remove(orderId);
        if (waiter != null) {
            waiter.complete(result);
        }
    }

    private void sleepQuietly(Duration duration) {
        try {
            // Wakes up at once on close().
            closed.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            running = false;
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        if (!started) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            return;
        }
        closed.countDown();
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
