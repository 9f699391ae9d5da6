package io.tradingengine.ingest.source;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.tradingengine.ingest.IngestSettings;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The resilience4j guards of one upstream (a REST API of a source): a circuit breaker over whole calls, a retry of
 * transient failures (5xx, timeouts, broken connections, HTML error pages) inside a call, and a rate limiter on
 * every attempt. Each failed attempt is counted on the {@link SourceMonitor}; the breaker's state is exported as a
 * gauge.
 */
public final class SourceResilience {

    /** How a guarded call ended. */
    public enum Status {
        /** The call returned a value. */
        DONE,
        /** The breaker is open: the call was not made. */
        BREAKER_OPEN,
        /** The rate limiter had no permit: the call was not made. */
        THROTTLED,
        /** The call failed (after the retries it deserved). */
        FAILED
    }

    /** The result of {@link #call(Supplier)}: a value when DONE, the last failure when FAILED. */
    public record Outcome<T>(Status status, T value, SourceException failure) {

        public boolean done() {
            return status == Status.DONE;
        }
    }

    private final CircuitBreaker breaker;
    private final Retry retry;
    private final RateLimiter rateLimiter;
    private final SourceMonitor monitor;

    /** Guards named {@code name} for at most {@code callsPerMinute} attempts a minute; one beyond is not made. */
    public SourceResilience(String name, IngestSettings.Resilience settings, int callsPerMinute,
            SourceMonitor monitor) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.breakerWindow())
                .minimumNumberOfCalls(settings.breakerWindow())
                .failureRateThreshold(50)
                .waitDurationInOpenState(settings.breakerOpenDuration())
                // One successful probe closes it again: the primary takes back as soon as it answers.
                .permittedNumberOfCallsInHalfOpenState(1)
                .writableStackTraceEnabled(false)
                .build());
        this.retry = Retry.of(name, RetryConfig.custom()
                .maxAttempts(settings.retryMaxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(settings.retryWait(), 2.0, 0.5))
                .retryOnException(e -> e instanceof SourceException && ((SourceException) e).isTransient())
                .failAfterMaxAttempts(false)
                .writableStackTraceEnabled(false)
                .build());
        // The vendors state their limits per minute; retries spend from the same budget as polls.
        this.rateLimiter = RateLimiter.of(name, RateLimiterConfig.custom()
                .limitForPeriod(callsPerMinute)
                .limitRefreshPeriod(Duration.ofMinutes(1))
                // No waiting for a permit: a poll over the limit is skipped, the next one comes at its interval.
                .timeoutDuration(Duration.ZERO)
                .writableStackTraceEnabled(false)
                .build());
        monitor.watch(breaker);
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** The breaker's state. */
    public CircuitBreaker.State state() {
        return breaker.getState();
    }

    /**
     * Makes the call when the breaker permits it, retrying transient failures; records the outcome on the breaker.
     * Never throws a {@link SourceException}.
     */
    public <T> Outcome<T> call(Supplier<T> call) {
        if (!breaker.tryAcquirePermission()) {
            return new Outcome<>(Status.BREAKER_OPEN, null, null);
        }
        long start = System.nanoTime();
        Retry.Context<T> context = retry.context();
        SourceException last = null;
        while (true) {
            if (!rateLimiter.acquirePermission()) {
                if (last == null) {
                    breaker.releasePermission();
                    return new Outcome<>(Status.THROTTLED, null, null);
                }
                break;
            }
            try {
                T value = call.get();
                context.onComplete();
                breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                return new Outcome<>(Status.DONE, value, null);
            } catch (RuntimeException raw) {
                // A parser tripping over an unexpected shape is a malformed answer, not a bug worth a crash.
                SourceException e = raw instanceof SourceException ? (SourceException) raw
                        : new SourceException(ErrorKind.MALFORMED, "unexpected answer: " + raw, raw);
                last = e;
                if (Thread.currentThread().isInterrupted()) {
                    break; // Stopping: the call was cut short by us, not by the source.
                }
                monitor.error(e);
                try {
                    // Waits the retry interval when the failure deserves another attempt, else rethrows.
                    context.onRuntimeError(e);
                } catch (RuntimeException notRetried) {
                    break;
                }
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
            }
        }
        breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, last);
        return new Outcome<>(Status.FAILED, null, last);
    }
}
