package io.tradingengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingengine.api.support.TestApi;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class TradesRouteTest {

    @Test
    void shouldAnswer503WhenNoDatabaseIsConfigured() {
        try (TestApi api = TestApi.start()) {
            HttpResponse<String> response = api.get("/trades?assessmentId=A1", TestApi.token("alice", "trader"));

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
        }
    }

    @Test
    void shouldRequireTheAssessmentId() {
        try (TestApi api = TestApi.start()) {
            HttpResponse<String> response = api.get("/trades", TestApi.token("alice", "trader"));

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(api.json(response).get("field").asText()).isEqualTo("assessmentId");
        }
    }
}
