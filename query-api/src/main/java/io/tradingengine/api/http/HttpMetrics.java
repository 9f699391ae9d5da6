package io.tradingengine.api.http;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * HTTP timers per route template, method and status ({@code http.server.requests}), with histogram buckets at the
 * latencies the API promises (1 to 10 ms reads), so Prometheus can compute percentiles across instances.
 */
public final class HttpMetrics {

    private static final String START = "metrics.startNanos";
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500)};

    private final MeterRegistry registry;

    public HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void start(Context ctx) {
        ctx.attribute(START, System.nanoTime());
    }

    public void stop(Context ctx) {
        Long start = ctx.attribute(START);
        if (start == null) {
            return;
        }
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        // The template, never the raw path: raw paths would make one series per id.
        String route = endpoint == null ? "UNMATCHED" : endpoint.path;
        Timer.builder("http.server.requests")
                .tag("method", ctx.method().name())
                .tag("route", route)
                .tag("status", Integer.toString(ctx.statusCode()))
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
}
