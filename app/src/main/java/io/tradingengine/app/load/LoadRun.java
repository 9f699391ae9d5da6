package io.tradingengine.app.load;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * An open-loop run: order i is due at start + i / rate, sent then whatever happened to the earlier ones, and its
 * latency is measured from its due time (so queueing in the sender counts, avoiding coordinated omission).
 */
public final class LoadRun {

    private static final long MAX_LATENCY_MICROS = TimeUnit.SECONDS.toMicros(60);

    private final OrderClient client;
    private final List<String> assessmentIds;
    private final String market;
    private final BigDecimal quantity;

    public LoadRun(OrderClient client, List<String> assessmentIds, String market, BigDecimal quantity) {
        this.client = client;
        this.assessmentIds = List.copyOf(assessmentIds);
        this.market = market;
        this.quantity = quantity;
    }

    public LoadReport run(int rate, Duration duration) throws InterruptedException {
        Histogram histogram = new Histogram(MAX_LATENCY_MICROS, 3);
        AtomicLong filled = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicLong pending = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long total = (long) rate * duration.toSeconds();
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            String assessmentId = assessmentIds.get((int) (i % assessmentIds.size()));
            // Alternate sides per assessment so positions stay small and every order is a real fill.
            String side = (i / assessmentIds.size()) % 2 == 0 ? "long" : "short";
            CompletableFuture<OrderClient.Outcome> result = client.submit(assessmentId, market, side, quantity);
            inFlight.add(result.whenComplete((outcome, error) -> {
                long micros = Math.min(MAX_LATENCY_MICROS, (System.nanoTime() - due) / 1000);
                OrderClient.Outcome o = error != null ? OrderClient.Outcome.ERROR : outcome;
                switch (o) {
                    case FILLED -> filled.incrementAndGet();
                    case REJECTED -> rejected.incrementAndGet();
                    case PENDING -> pending.incrementAndGet();
                    default -> failed.incrementAndGet();
                }
                if (o == OrderClient.Outcome.FILLED || o == OrderClient.Outcome.REJECTED) {
                    synchronized (histogram) {
                        histogram.recordValue(micros);
                    }
                }
            }));
        }
        long timedOut = 0;
        for (CompletableFuture<?> future : inFlight) {
            try {
                future.get(Math.max(1, 15_000 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start
                        - duration.toNanos())), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                timedOut++;
            } catch (java.util.concurrent.ExecutionException e) {
                // counted by whenComplete
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        synchronized (histogram) {
            return new LoadReport(rate, Math.max(seconds, duration.toSeconds()), total, filled.get(), rejected.get(),
                    pending.get(), failed.get(), timedOut, histogram.copy());
        }
    }

    /**
     * Creates {@code count} assessments with a large balance and no rules, each owned by its own user
     * ({@code <userPrefix>-<i>}), so the per-user order rate limit of the API applies per assessment. Returns
     * assessment id to owner.
     */
    public static java.util.Map<String, String> createAssessments(String baseUrl, String adminToken,
                                                                 String userPrefix, int count)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        java.util.Map<String, String> owners = new java.util.LinkedHashMap<>();
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < count; i++) {
            String id = "load-" + run + "-" + i;
            String userId = userPrefix + "-" + i;
            String body = String.format(Locale.ROOT,
                    "{\"assessmentId\":\"%s\",\"userId\":\"%s\",\"startingBalance\":\"1000000000\",\"rules\":{}}",
                    id, userId);
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl.replaceAll("/+$", "") + "/assessments"))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + adminToken)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201 && response.statusCode() != 202) {
                throw new IOException("POST /assessments answered " + response.statusCode() + ": "
                        + response.body());
            }
            owners.put(id, userId);
        }
        return owners;
    }
}
