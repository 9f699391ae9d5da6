package io.tradingengine.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tradingengine.api.ops.HealthCheck;
import io.tradingengine.api.orders.CommandGateway;
import io.tradingengine.api.orders.OrderHistory;
import io.tradingengine.api.query.InstanceLocator;
import io.tradingengine.api.query.QueryService;
import io.tradingengine.api.trades.TradeHistory;
import io.tradingengine.schemas.registry.SchemaStore;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import redis.clients.jedis.UnifiedJedis;

/**
 * The collaborators behind the routes, each behind its own interface. {@link ApiServer#create(ApiDependencies)}
 * builds the real ones (interactive queries, Kafka producer and listener, JDBC); tests and alternative wirings pass
 * their own to {@link ApiServer#create(ApiConfig, ApiServices)}.
 *
 * @param queries interactive queries on this instance's state stores
 * @param commands orders and assessments to Kafka, order results back
 * @param trades trade history, or null when there is no database (GET /trades answers 503)
 * @param orders order results of the database, or null when there is none (GET /orders?assessmentId= answers 503)
 * @param schemaStore the registry backend, or null to not serve {@code /registry}
 * @param meters registry for the API's metrics, scraped by GET /metrics
 * @param streamsState the Streams state for /ready and /health
 * @param healthChecks further parts reported by /health (Kafka, database, Redis, feeds)
 * @param locator where each key's state lives among the instances
 * @param redis Redis for idempotency keys and rate limits, or null to keep both in this process only
 */
public record ApiServices(QueryService queries, CommandGateway commands, TradeHistory trades, OrderHistory orders,
                          SchemaStore schemaStore, PrometheusMeterRegistry meters,
                          Supplier<KafkaStreams.State> streamsState, Map<String, HealthCheck> healthChecks,
                          InstanceLocator locator, UnifiedJedis redis) {

    public ApiServices {
        Objects.requireNonNull(queries, "queries");
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(meters, "meters");
        Objects.requireNonNull(streamsState, "streamsState");
        healthChecks = healthChecks == null ? Map.of() : Map.copyOf(healthChecks);
        locator = locator == null ? InstanceLocator.single() : locator;
    }

    /** A single instance without order-results database and without Redis. */
    public ApiServices(QueryService queries, CommandGateway commands, TradeHistory trades, SchemaStore schemaStore,
                       PrometheusMeterRegistry meters, Supplier<KafkaStreams.State> streamsState,
                       Map<String, HealthCheck> healthChecks) {
        this(queries, commands, trades, null, schemaStore, meters, streamsState, healthChecks, null, null);
    }
}
