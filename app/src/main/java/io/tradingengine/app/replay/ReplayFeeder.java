package io.tradingengine.app.replay;

import io.tradingengine.avro.Order;
import io.tradingengine.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Copies the replayed records, in time order, into the shadow's input topics (same partition, key, value bytes,
 * headers and timestamp). In lock-step it closes an epoch, waiting for the shadow to be idle, whenever the next
 * record would race with one already fed: an order on a market whose tick or market record is in the epoch (the
 * order must see it, and the shadow's global store only has it once the market desk has written it), or a tick or
 * market record of a market with an order in the epoch (the order must be priced before it). Records of different
 * markets, and assessments, share epochs: Kafka Streams orders what one task reads by timestamp.
 */
final class ReplayFeeder {

    /** What was fed. */
    record FeedStats(long records, long orders, long epochs) {
    }

    /** Waits until the shadow has processed what was fed ({@link ShadowProgress#awaitIdle}). */
    @FunctionalInterface
    interface Barrier {
        void await(long deadlineNanos) throws ExecutionException, InterruptedException, TimeoutException;
    }

    private final Producer<byte[], byte[]> producer;
    private final ReplayTopics names;
    private final Deserializer<Order> orders;
    private final Barrier progress;
    private final boolean lockstep;
    private final Set<String> pricedMarkets = new HashSet<>();
    private final Set<String> orderedMarkets = new HashSet<>();

    ReplayFeeder(Producer<byte[], byte[]> producer, ReplayTopics names, Deserializer<Order> orders,
                 Barrier progress, boolean lockstep) {
        this.producer = producer;
        this.names = names;
        this.orders = orders;
        this.progress = progress;
        this.lockstep = lockstep;
    }

    /** Feeds every record of the reader, then waits until the shadow has processed them. */
    FeedStats feed(MergedReader reader, long deadlineNanos) throws ExecutionException, InterruptedException,
            TimeoutException {
        long records = 0;
        long orderCount = 0;
        long epochs = 0;
        for (ConsumerRecord<byte[], byte[]> record = reader.next(); record != null; record = reader.next()) {
            String market = marketOf(record);
            if (record.topic().equals(Topics.ORDERS)) {
                orderCount++;
                if (lockstep && market != null && pricedMarkets.contains(market)) {
                    closeEpoch(deadlineNanos);
                    epochs++;
                }
                if (market != null) {
                    orderedMarkets.add(market);
                }
            } else if (market != null && (record.topic().equals(Topics.PRICES)
                    || record.topic().equals(Topics.MARKETS))) {
                if (lockstep && orderedMarkets.contains(market)) {
                    closeEpoch(deadlineNanos);
                    epochs++;
                }
                pricedMarkets.add(market);
            }
            producer.send(new ProducerRecord<>(names.of(record.topic()), record.partition(), record.timestamp(),
                    record.key(), record.value(), record.headers()));
            records++;
        }
        closeEpoch(deadlineNanos);
        return new FeedStats(records, orderCount, epochs + 1);
    }

    private void closeEpoch(long deadlineNanos) throws ExecutionException, InterruptedException, TimeoutException {
        producer.flush();
        progress.await(deadlineNanos);
        pricedMarkets.clear();
        orderedMarkets.clear();
    }

    /** The market a record is about: the key of a tick or market record, the market field of an order. */
    private String marketOf(ConsumerRecord<byte[], byte[]> record) {
        if (record.topic().equals(Topics.ORDERS)) {
            try {
                Order order = orders.deserialize(record.topic(), record.headers(), record.value());
                return order == null ? null : order.getMarket();
            } catch (RuntimeException e) {
                // A poison order: the shadow dead-letters it, no price can race with it.
                return null;
            }
        }
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }
}
