package io.tradingengine.api.orders;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Order ids: random, or derived from the caller and an {@code Idempotency-Key} so a retry names the same order. */
public final class OrderIds {

    private OrderIds() {
    }

    public static String random() {
        return UUID.randomUUID().toString();
    }

    /**
     * The same id for the same user and key, on every instance and after restarts, so the topology's dedupe on order
     * id stops a second fill even when the retry lands elsewhere. Scoped by user: two users' keys never collide.
     */
    public static String fromIdempotencyKey(String userId, String key) {
        byte[] name = ("order:" + userId.length() + ":" + userId + ":" + key).getBytes(StandardCharsets.UTF_8);
        return UUID.nameUUIDFromBytes(name).toString();
    }
}
