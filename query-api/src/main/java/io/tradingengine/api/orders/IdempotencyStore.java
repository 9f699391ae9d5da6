package io.tradingengine.api.orders;

import io.tradingengine.api.redis.GuardedRedis;
import io.tradingengine.avro.Order;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import redis.clients.jedis.params.SetParams;

/**
 * The fast path of {@code Idempotency-Key} in Redis: the first request of a key stores the fingerprint of its order
 * (assessment, market, side, quantity); a later request with the key is a repeat (same fingerprint, answered with the
 * stored answer when there is one) or a conflict (409). Keys are the derived order ids, so they are scoped by user.
 *
 * <p>Without Redis every claim is {@link Kind#UNCHECKED}: the order still goes out under the order id derived from
 * user and key, the topology's dedupe on order id stops a second fill, and the first order's result coming back is
 * compared with the request instead (see {@code OrderController}).
 */
public final class IdempotencyStore {

    private static final String PREFIX = "trading-engine:idempotency:";
    private static final String ANSWER_SUFFIX = ":answer";

    private final GuardedRedis redis;
    private final long ttlMillis;

    /**
     * @param redis Redis, or null to run without the fast path
     * @param ttl how long keys and answers are kept
     */
    public IdempotencyStore(GuardedRedis redis, Duration ttl) {
        this.redis = redis;
        this.ttlMillis = ttl.toMillis();
    }

    /** What Redis knows about a key. */
    public enum Kind {
        /** The first request with this key. */
        FIRST,
        /** The key was used before for the same order. */
        REPEAT,
        /** The key was used before for another order: 409. */
        CONFLICT,
        /** Redis could not be asked; the order id alone protects against a second fill. */
        UNCHECKED
    }

    /**
     * A stored answer of an order that was decided: its HTTP status (201 or 422) and JSON body.
     *
     * @param status the status of the first answer
     * @param body the JSON body of the first answer
     */
    public record Answer(int status, String body) {

        public Answer {
            Objects.requireNonNull(body, "body");
        }

        String encode() {
            return status + "\n" + body;
        }

        static Optional<Answer> decode(String text) {
            int newline = text == null ? -1 : text.indexOf('\n');
            if (newline <= 0) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Answer(Integer.parseInt(text.substring(0, newline)),
                        text.substring(newline + 1)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    /**
     * The claim of a request on its key.
     *
     * @param kind first, repeat, conflict or unchecked
     * @param answer for a repeat, the first request's answer once it was decided; else null
     */
    public record Claim(Kind kind, Answer answer) {

        public Optional<Answer> storedAnswer() {
            return Optional.ofNullable(answer);
        }
    }

    /** Claims the key of {@code order} (its id) for this order's fingerprint. */
    public Claim claim(Order order) {
        if (redis == null) {
            return new Claim(Kind.UNCHECKED, null);
        }
        String key = PREFIX + order.getOrderId();
        String fingerprint = fingerprint(order);
        // SET NX first: one round trip on the common path (a new key); the stored values only on a repeat.
        Optional<List<String>> stored = redis.call(jedis -> {
            String set = jedis.set(key, fingerprint, SetParams.setParams().nx().px(ttlMillis));
            return "OK".equals(set) ? List.<String>of() : jedis.mget(key, key + ANSWER_SUFFIX);
        });
        if (stored.isEmpty()) {
            return new Claim(Kind.UNCHECKED, null);
        }
        List<String> values = stored.get();
        if (values.isEmpty()) {
            return new Claim(Kind.FIRST, null);
        }
        String storedFingerprint = values.get(0);
        if (storedFingerprint == null) {
            // Expired between the SET and the GET: nothing to compare with.
            return new Claim(Kind.UNCHECKED, null);
        }
        if (!storedFingerprint.equals(fingerprint)) {
            return new Claim(Kind.CONFLICT, null);
        }
        return new Claim(Kind.REPEAT, Answer.decode(values.get(1)).orElse(null));
    }

    /** Keeps the decided answer of an order for its repeats; a no-op without Redis. */
    public void remember(String orderId, Answer answer) {
        if (redis != null) {
            redis.call(jedis -> jedis.set(PREFIX + orderId + ANSWER_SUFFIX, answer.encode(),
                    SetParams.setParams().px(ttlMillis)));
        }
    }

    /**
     * What makes two requests "the same order": assessment, market, side and quantity (numerically: 0.5 and 0.50 are
     * the same). SHA-256, so the stored value says nothing about the order.
     */
    public static String fingerprint(Order order) {
        String canonical = String.join("\n", order.getAssessmentId(), order.getMarket(),
                order.getSide().name().toLowerCase(Locale.ROOT),
                order.getQuantity().stripTrailingZeros().toPlainString());
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
