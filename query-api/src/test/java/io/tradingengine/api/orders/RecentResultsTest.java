package io.tradingengine.api.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingengine.api.support.Fixtures;
import io.tradingengine.avro.OrderResult;
import io.tradingengine.avro.Side;
import org.junit.jupiter.api.Test;

class RecentResultsTest {

    @Test
    void shouldForgetTheOldestResultBeyondItsCapacity() {
        RecentResults recent = new RecentResults(2);
        recent.put(result("o1", "1"));
        recent.put(result("o2", "1"));
        recent.put(result("o3", "1"));

        assertThat(recent.size()).isEqualTo(2);
        assertThat(recent.get("o1")).isEmpty();
        assertThat(recent.get("o3")).isPresent();
    }

    @Test
    void shouldKeepTheFirstResultOfAnOrder() {
        RecentResults recent = new RecentResults(10);
        recent.put(result("o1", "100"));
        recent.put(result("o1", "200"));

        assertThat(recent.get("o1").orElseThrow().getFillPrice()).isEqualByComparingTo("100");
    }

    private static OrderResult result(String orderId, String price) {
        return Fixtures.filled(orderId, "A1", "alice", "BTC/USD", Side.LONG, "1", price, "0");
    }
}
