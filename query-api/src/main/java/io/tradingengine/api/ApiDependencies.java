package io.tradingengine.api;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tradingengine.api.ops.HealthCheck;
import io.tradingengine.schemas.Topics;
import io.tradingengine.schemas.registry.SchemaStore;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.apache.kafka.streams.KafkaStreams;
import redis.clients.jedis.UnifiedJedis;

/**
 * What the application hands the REST API. The API closes only what it creates itself (its producer and consumer);
 * the streams, data source, Redis client and schema store stay the caller's.
 *
 * @param config the API's settings
 * @param topics the topic catalogue (serdes on the engine's registry)
 * @param bootstrapServers Kafka bootstrap servers for the API's own producer and order-results consumer
 * @param streams the Kafka Streams instance whose stores the API queries
 * @param tradesDb the trades database, or null (GET /trades answers 503)
 * @param redis Redis client, or null (reported by /health; used for idempotency and rate limits later)
 * @param schemaStore the engine's registry backend, or null to not serve {@code /registry}
 * @param meters Prometheus registry for GET /metrics; null for a fresh one
 * @param healthChecks further parts for GET /health (feeds, ...); null for none
 */
public record ApiDependencies(ApiConfig config, Topics topics, String bootstrapServers, KafkaStreams streams,
                              DataSource tradesDb, UnifiedJedis redis, SchemaStore schemaStore,
                              PrometheusMeterRegistry meters, Map<String, HealthCheck> healthChecks) {

    public ApiDependencies {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(streams, "streams");
        meters = meters == null ? new PrometheusMeterRegistry(PrometheusConfig.DEFAULT) : meters;
        healthChecks = healthChecks == null ? Map.of() : Map.copyOf(healthChecks);
    }
}
