package io.tradingengine.topology;

import io.tradingengine.avro.OrderResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The retention of the order-id dedupe store ({@link StoreNames#ORDER_RESULTS}): every first result is tracked in
 * {@link StoreNames#ORDER_EXPIRY} under {@code <19-digit epoch millis>/<orderId>}, and a wall-clock punctuation
 * deletes the results older than the retention ({@link TopologyConfig#orderIdRetention()}, 7 days by default),
 * oldest first. The cost of a purge grows with the number of expired ids only. After the retention an order id is
 * new again: a retry that late is filled as a new order, and {@code GET /orders/{id}} answers 404.
 */
final class OrderIdRetention {

    private final KeyValueStore<String, OrderResult> results;
    private final KeyValueStore<String, String> expiry;

    OrderIdRetention(KeyValueStore<String, OrderResult> results, KeyValueStore<String, String> expiry) {
        this.results = results;
        this.expiry = expiry;
    }

    /** The first result of an order id, or null. */
    OrderResult first(String orderId) {
        return results.get(orderId);
    }

    /** Stores the first result of an order id and starts its retention. */
    void remember(String orderId, OrderResult result, Instant at) {
        results.put(orderId, result);
        expiry.put(pad(at.toEpochMilli()) + "/" + orderId, orderId);
    }

    /** Forgets at most {@code limit} order ids remembered before {@code cutoff}; returns how many. */
    int expire(Instant cutoff, int limit) {
        List<KeyValue<String, String>> expired = new ArrayList<>();
        try (KeyValueIterator<String, String> it = expiry.range(pad(0), pad(cutoff.toEpochMilli()) + "/")) {
            while (it.hasNext() && expired.size() < limit) {
                expired.add(it.next());
            }
        }
        for (KeyValue<String, String> entry : expired) {
            results.delete(entry.value);
            expiry.delete(entry.key);
        }
        return expired.size();
    }

    private static String pad(long millis) {
        return String.format(Locale.ROOT, "%019d", millis);
    }
}
