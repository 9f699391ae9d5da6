package io.tradingengine.api.orders;

import io.tradingengine.api.redis.GuardedRedis;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-user token bucket for POST /orders: {@code ratePerSecond} orders on average, {@code burst} at once. The bucket
 * lives in Redis (one Lua script, Redis' own clock), so the limit holds across every API instance; when Redis cannot
 * answer, a bucket in this process takes over, so the limit then holds per instance and orders keep flowing.
 */
public final class OrderRateLimiter {

    private static final String PREFIX = "trading-engine:rate:orders:";
    private static final int LOCAL_USERS = 10_000;

    // KEYS[1] bucket; ARGV rate per second, burst. Returns {allowed 1|0, milliseconds until a token is there}.
    private static final String SCRIPT = String.join("\n",
            "local rate = tonumber(ARGV[1])",
            "local burst = tonumber(ARGV[2])",
            "local time = redis.call('TIME')",
            "local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)",
            "local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')",
            "local tokens = tonumber(state[1])",
            "local at = tonumber(state[2])",
            "if tokens == nil or at == nil then tokens = burst; at = now end",
            "tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)",
            "local allowed = 0",
            "local wait = 0",
            "if tokens >= 1 then tokens = tokens - 1; allowed = 1",
            "else wait = math.ceil((1 - tokens) * 1000 / rate) end",
            "redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))",
            "redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 1000)",
            "return {allowed, wait}");

    private final GuardedRedis redis;
    private final int ratePerSecond;
    private final int burst;
    private final Map<String, LocalBucket> local;

    /**
     * @param redis Redis, or null to limit in this process only
     */
    public OrderRateLimiter(GuardedRedis redis, int ratePerSecond, int burst) {
        this.redis = redis;
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        // Bounded: the least recently seen users' buckets go first (a full bucket is the same as no bucket).
        this.local = new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, LocalBucket> eldest) {
                return size() > LOCAL_USERS;
            }
        };
    }

    /**
     * Whether the user may send an order now.
     *
     * @param allowed true when a token was taken
     * @param retryAfter when denied, how long until the next token
     */
    public record Decision(boolean allowed, Duration retryAfter) {

        /** Whole seconds for {@code Retry-After}, at least 1. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    /** Takes a token of {@code userId}'s bucket, or says how long to wait. */
    public Decision acquire(String userId) {
        if (redis != null) {
            Optional<Decision> shared = redis.call(jedis -> decision(jedis.eval(SCRIPT, List.of(PREFIX + userId),
                    List.of(Integer.toString(ratePerSecond), Integer.toString(burst)))));
            if (shared.isPresent()) {
                return shared.get();
            }
        }
        return acquireLocally(userId);
    }

    private static Decision decision(Object reply) {
        if (reply instanceof List<?> values && values.size() == 2 && values.get(0) instanceof Long allowed
                && values.get(1) instanceof Long wait) {
            return new Decision(allowed == 1L, Duration.ofMillis(wait));
        }
        throw new IllegalStateException("unexpected rate-limit script reply " + reply);
    }

    private synchronized Decision acquireLocally(String userId) {
        long now = System.nanoTime();
        LocalBucket bucket = local.computeIfAbsent(userId, id -> new LocalBucket(burst, now));
        return bucket.take(now, ratePerSecond, burst);
    }

    /** A bucket in this process; guarded by the limiter's lock. */
    private static final class LocalBucket {

        private double tokens;
        private long at;

        LocalBucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        Decision take(long now, int rate, int burst) {
            tokens = Math.min(burst, tokens + (now - at) / 1e9 * rate);
            at = now;
            if (tokens >= 1) {
                tokens -= 1;
                return new Decision(true, Duration.ZERO);
            }
            return new Decision(false, Duration.ofMillis((long) Math.ceil((1 - tokens) * 1000 / rate)));
        }
    }
}
