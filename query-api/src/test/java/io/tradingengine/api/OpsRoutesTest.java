package io.tradingengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingengine.api.ops.HealthStatus;
import io.tradingengine.api.support.TestApi;
import java.net.http.HttpResponse;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpsRoutesTest {

    private TestApi api;

    @BeforeEach
    void start() {
        api = TestApi.withHealthChecks(Map.of("database", () -> HealthStatus.up("connected"),
                "redis", () -> HealthStatus.down("unreachable")));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void shouldBeReadyWhenStreamsRunAndTheListenerIsInPlace() {
        HttpResponse<String> response = api.get("/ready", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(api.json(response).get("status").asText()).isEqualTo("READY");
    }

    @Test
    void shouldNotBeReadyWhileStreamsRebalance() {
        api.streamsState.set(KafkaStreams.State.REBALANCING);

        HttpResponse<String> response = api.get("/ready", null);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(api.json(response).get("reason").asText()).contains("rebalancing");
    }

    @Test
    void shouldNotBeReadyBeforeStreamsStart() {
        api.streamsState.set(KafkaStreams.State.CREATED);

        assertThat(api.json(api.get("/ready", null)).get("reason").asText()).isEqualTo("streams starting");
    }

    @Test
    void shouldNotBeReadyUntilTheOrderResultsListenerIsAssigned() {
        api.commands.notReady("topic order-results not found yet");

        HttpResponse<String> response = api.get("/ready", null);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(api.json(response).get("reason").asText()).contains("order-results");
    }

    @Test
    void shouldReportEveryPartInHealth() {
        HttpResponse<String> response = api.get("/health", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = api.json(response);
        assertThat(body.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(body.at("/parts/streams/up").asBoolean()).isTrue();
        assertThat(body.at("/parts/streams/detail").asText()).isEqualTo("running");
        assertThat(body.at("/parts/database/up").asBoolean()).isTrue();
        assertThat(body.at("/parts/redis/up").asBoolean()).isFalse();
        assertThat(body.at("/parts/orderResults/up").asBoolean()).isTrue();
    }

    @Test
    void shouldFailLivenessWhenStreamsHaveFailed() {
        api.streamsState.set(KafkaStreams.State.ERROR);

        HttpResponse<String> response = api.get("/health", null);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(api.json(response).get("status").asText()).isEqualTo("DOWN");
    }

    @Test
    void shouldNotBeReadyWhileTheStoresRestoreNamingTheReason() {
        api.queries.notReady("streams restoring state");

        HttpResponse<String> response = api.get("/ready", null);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(api.json(response).get("reason").asText()).isEqualTo("streams restoring state");
        assertThat(api.json(api.get("/health", null)).at("/parts/streams/detail").asText())
                .isEqualTo("streams restoring state");
    }

    @Test
    void shouldNotBeReadyWhileRunningStreamsHaveStoresThatDoNotOpenYet() {
        api.queries.notReady("stores restoring: assessments-store is not open");

        assertThat(api.json(api.get("/ready", null)).get("reason").asText()).startsWith("stores restoring");
    }

    @Test
    void shouldServePrometheusTextWithHttpTimersPerRoute() {
        api.get("/ready", null);
        api.get("/prices/BTC/USD", TestApi.token("carol"));

        HttpResponse<String> response = api.get("/metrics", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(response.body())
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/ready\",status=\"200\"}")
                .contains("route=\"/prices/<market>\",status=\"404\"")
                // Histogram buckets at the latencies the API promises.
                .contains("http_server_requests_seconds_bucket{method=\"GET\",route=\"/ready\",status=\"200\","
                        + "le=\"0.005\"}");
    }
}
