package io.tradingengine.api.http;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Bounded, non-blocking polling: asks {@code probe} every {@code interval} until it answers or {@code timeout}
 * passes. No request thread waits meanwhile; a probe that throws counts as "not yet".
 */
public final class Await {

    private final ScheduledExecutorService scheduler;

    public Await(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** Completes with the probe's first answer, or empty after {@code timeout}. */
    public <T> CompletableFuture<Optional<T>> until(Supplier<Optional<T>> probe, Duration timeout, Duration interval) {
        CompletableFuture<Optional<T>> done = new CompletableFuture<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        task.set(scheduler.scheduleWithFixedDelay(() -> {
            Optional<T> answer = ask(probe);
            if (answer.isPresent()) {
                done.complete(answer);
            } else if (System.nanoTime() - deadline >= 0) {
                done.complete(Optional.empty());
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS));
        done.whenComplete((v, e) -> task.get().cancel(false));
        return done;
    }

    private static <T> Optional<T> ask(Supplier<Optional<T>> probe) {
        try {
            return probe.get();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
