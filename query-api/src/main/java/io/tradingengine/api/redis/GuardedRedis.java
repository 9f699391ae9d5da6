package io.tradingengine.api.redis;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * Redis behind a circuit breaker: Redis is the fast path for idempotency keys and rate limits, never a condition
 * for taking an order. Every call either answers or returns empty (Redis down, slow, or the breaker open), and never
 * throws for Redis trouble; callers fall back to what works without Redis.
 *
 * <p>The breaker opens when half of the last 20 calls failed or took longer than {@link #SLOW_CALL}, and lets a
 * probe through after {@link #OPEN_WAIT}. The client's own socket timeout bounds a single slow call.
 */
public final class GuardedRedis {

    /** Name of the breaker, as tagged in the {@code resilience4j_circuitbreaker_*} metrics. */
    public static final String BREAKER = "redis";
    static final Duration SLOW_CALL = Duration.ofMillis(250);
    static final Duration OPEN_WAIT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(GuardedRedis.class);

    private final UnifiedJedis redis;
    private final CircuitBreaker breaker;

    public GuardedRedis(UnifiedJedis redis, CircuitBreakerRegistry breakers) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.breaker = breakers.circuitBreaker(BREAKER, breakerConfig());
        // One line per state change, not one per failed call: an outage must not flood the log.
        this.breaker.getEventPublisher().onStateTransition(event ->
                LOG.warn("Redis circuit breaker {}", event.getStateTransition()));
    }

    /** The breaker's settings: count-based window of 20 calls, opens at 50 % failed or slow calls. */
    public static CircuitBreakerConfig breakerConfig() {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .slowCallDurationThreshold(SLOW_CALL)
                .slowCallRateThreshold(50)
                .waitDurationInOpenState(OPEN_WAIT)
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build();
    }

    /**
     * Runs {@code command} (which must not return null) through the breaker.
     *
     * @return the command's answer, or empty when Redis could not answer
     */
    public <T> Optional<T> call(Function<UnifiedJedis, T> command) {
        try {
            return Optional.of(breaker.executeSupplier(() -> Objects.requireNonNull(command.apply(redis))));
        } catch (CallNotPermittedException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.debug("Redis call failed: {}", e.toString());
            return Optional.empty();
        }
    }

    /** The breaker's state, for health reporting. */
    public CircuitBreaker.State state() {
        return breaker.getState();
    }
}
