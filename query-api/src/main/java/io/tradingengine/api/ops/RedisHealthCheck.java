package io.tradingengine.api.ops;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/** Redis answers PING (within the client's own timeout). */
public final class RedisHealthCheck implements HealthCheck {

    private final UnifiedJedis redis;

    public RedisHealthCheck(UnifiedJedis redis) {
        this.redis = redis;
    }

    @Override
    public HealthStatus check() {
        try {
            String pong = redis.ping();
            return "PONG".equalsIgnoreCase(pong) ? HealthStatus.up("connected") : HealthStatus.down("PING: " + pong);
        } catch (JedisException e) {
            return HealthStatus.down("unreachable: " + e.getClass().getSimpleName());
        }
    }
}
