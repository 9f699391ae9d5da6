package io.tradingengine.api.ops;

import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tradingengine.api.orders.CommandGateway;
import io.tradingengine.api.query.QueryService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Operations endpoints, no token needed: GET /ready (503 with the reason, starting, rebalancing or restoring, until
 * the streams are RUNNING, the stores answer and the order-results listener is in place), GET /health (liveness with
 * every part's state: Kafka, streams, database, Redis, feeds), GET /metrics (Prometheus text).
 */
public final class OpsController {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Supplier<KafkaStreams.State> streamsState;
    private final QueryService queries;
    private final CommandGateway commands;
    private final Map<String, HealthCheck> checks;
    private final PrometheusMeterRegistry meters;
    private final long retryAfterSeconds;

    public OpsController(Supplier<KafkaStreams.State> streamsState, QueryService queries, CommandGateway commands,
                         Map<String, HealthCheck> checks, PrometheusMeterRegistry meters, long retryAfterSeconds) {
        this.streamsState = streamsState;
        this.queries = queries;
        this.commands = commands;
        this.checks = Map.copyOf(checks);
        this.meters = meters;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** GET /ready. */
    public void ready(Context ctx) {
        List<String> reasons = new ArrayList<>();
        // The stores know more than the state (restoring, stores that do not open yet); the state is the fallback.
        Optional<String> stores = queries.notReadyReason();
        KafkaStreams.State state = streamsState.get();
        if (stores.isPresent()) {
            reasons.add(stores.get());
        } else if (state != KafkaStreams.State.RUNNING) {
            reasons.add("streams " + describe(state));
        }
        commands.notReadyReason().ifPresent(reasons::add);
        Map<String, Object> body = new LinkedHashMap<>();
        if (reasons.isEmpty()) {
            body.put("status", "READY");
            ctx.json(body);
        } else {
            body.put("status", "NOT_READY");
            body.put("reason", String.join("; ", reasons));
            ctx.header("Retry-After", Long.toString(retryAfterSeconds)).status(503).json(body);
        }
    }

    /** GET /health: 200 while the process is alive (UP or DEGRADED), 503 when the streams have failed. */
    public void health(Context ctx) {
        Map<String, HealthStatus> parts = new LinkedHashMap<>();
        KafkaStreams.State state = streamsState.get();
        boolean streamsFailed = state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR;
        parts.put("streams", new HealthStatus(state == KafkaStreams.State.RUNNING,
                queries.notReadyReason().orElse(describe(state))));
        parts.put("orderResults", commands.notReadyReason()
                .map(HealthStatus::down)
                .orElseGet(() -> HealthStatus.up("listening")));
        checks.forEach((name, check) -> parts.put(name, safely(check)));
        String status = streamsFailed ? "DOWN" : parts.values().stream().allMatch(HealthStatus::up) ? "UP" : "DEGRADED";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("parts", parts);
        ctx.status(streamsFailed ? 503 : 200).json(body);
    }

    /** GET /metrics. */
    public void metrics(Context ctx) {
        ctx.contentType(PROMETHEUS_TEXT).result(meters.scrape());
    }

    private static HealthStatus safely(HealthCheck check) {
        try {
            return check.check();
        } catch (RuntimeException e) {
            return HealthStatus.down("check failed: " + e.getClass().getSimpleName());
        }
    }

    private static String describe(KafkaStreams.State state) {
        if (state == null) {
            return "absent";
        }
        return switch (state) {
            case CREATED -> "starting";
            case REBALANCING -> "rebalancing (assigning or restoring state)";
            case RUNNING -> "running";
            case PENDING_SHUTDOWN, NOT_RUNNING -> "stopped";
            case PENDING_ERROR, ERROR -> "failed";
            default -> state.name().toLowerCase(Locale.ROOT);
        };
    }
}
