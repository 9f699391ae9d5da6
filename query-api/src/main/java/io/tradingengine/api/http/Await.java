package io.tradingengine.api.http;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounded, non-blocking polling: asks {@code probe} every {@code interval} until it answers or {@code timeout}
 * passes. No request thread waits meanwhile; a probe that throws or fails counts as "not yet".
 */
public final class Await {

    private final ScheduledExecutorService scheduler;

    public Await(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** Completes with the probe's first answer, or empty after {@code timeout}. */
    public <T> CompletableFuture<Optional<T>> until(Supplier<Optional<T>> probe, Duration timeout, Duration interval) {
        return untilAsync(() -> CompletableFuture.completedFuture(probe.get()), timeout, interval);
    }

    /** As {@link #until}, for a probe that answers later (a read forwarded to another instance, say). */
    public <T> CompletableFuture<Optional<T>> untilAsync(Supplier<CompletableFuture<Optional<T>>> probe,
                                                         Duration timeout, Duration interval) {
        CompletableFuture<Optional<T>> done = new CompletableFuture<>();
        poll(probe, done, System.nanoTime() + timeout.toNanos(), interval);
        return done;
    }

    private <T> void poll(Supplier<CompletableFuture<Optional<T>>> probe, CompletableFuture<Optional<T>> done,
                          long deadline, Duration interval) {
        CompletableFuture<Optional<T>> attempt;
        try {
            attempt = probe.get();
        } catch (RuntimeException e) {
            attempt = CompletableFuture.completedFuture(Optional.empty());
        }
        attempt.whenComplete((answer, error) -> {
            if (error == null && answer.isPresent()) {
                done.complete(answer);
            } else if (System.nanoTime() - deadline >= 0) {
                done.complete(Optional.empty());
            } else {
                try {
                    scheduler.schedule(() -> poll(probe, done, deadline, interval), interval.toMillis(),
                            TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                    // Shutting down: give up now rather than never.
                    done.complete(Optional.empty());
                }
            }
        });
    }
}
