package io.tradingengine.api.orders;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderIdsTest {

    @Test
    void shouldDeriveTheSameIdForTheSameUserAndKey() {
        assertThat(OrderIds.fromIdempotencyKey("alice", "k1")).isEqualTo(OrderIds.fromIdempotencyKey("alice", "k1"));
    }

    @Test
    void shouldDeriveDifferentIdsForDifferentUsersOrKeys() {
        assertThat(OrderIds.fromIdempotencyKey("alice", "k1")).isNotEqualTo(OrderIds.fromIdempotencyKey("bob", "k1"))
                .isNotEqualTo(OrderIds.fromIdempotencyKey("alice", "k2"));
        // The user's length is part of the name, so shifting characters between user and key cannot collide.
        assertThat(OrderIds.fromIdempotencyKey("a:b", "c")).isNotEqualTo(OrderIds.fromIdempotencyKey("a", "b:c"));
    }

    @Test
    void shouldGiveRandomIdsWithoutAKey() {
        assertThat(OrderIds.random()).isNotEqualTo(OrderIds.random());
    }
}
