package io.tradingengine.api.orders;

import io.tradingengine.avro.OrderResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The most recent order results by order id, bounded: the oldest entry goes when the capacity is reached. */
final class RecentResults {

    private final Map<String, OrderResult> results;

    RecentResults(int capacity) {
        this.results = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, OrderResult> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void put(OrderResult result) {
        // The first result of an order is the one; a repeat (the topology's answer to a resend) changes nothing.
        results.putIfAbsent(result.getOrderId(), result);
    }

    synchronized Optional<OrderResult> get(String orderId) {
        return Optional.ofNullable(results.get(orderId));
    }

    synchronized int size() {
        return results.size();
    }
}
