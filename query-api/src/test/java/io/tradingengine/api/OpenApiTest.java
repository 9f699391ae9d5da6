package io.tradingengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingengine.api.support.TestApi;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document served at /openapi.json describes exactly the routes the server registers, except the schema
 * registry's ({@code /registry}, {@code /ui}): that is the Confluent Schema Registry API, documented by Confluent.
 */
class OpenApiTest {

    private TestApi api;

    @BeforeEach
    void start() {
        api = TestApi.start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void shouldDescribeEveryRegisteredRouteAndNoOther() {
        JsonNode document = api.json(api.get("/openapi.json", null));
        List<String> documented = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method ->
                    documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey()));
        }

        List<String> registered = routesOf(api).stream()
                .filter(route -> !isRegistry(route))
                // Javalin's <market> (slashes allowed) is OpenAPI's {market}.
                .map(route -> route.replace('<', '{').replace('>', '}'))
                .toList();

        assertThat(registered).hasSizeGreaterThan(12);
        assertThat(documented).containsExactlyInAnyOrderElementsOf(registered);
    }

    @Test
    void shouldServeAnOpenApi3DocumentWithoutAToken() {
        HttpResponse<String> response = api.get("/openapi.json", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode document = api.json(response);
        assertThat(document.get("openapi").asText()).startsWith("3.");
        assertThat(document.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        // Every operation names its error responses with the API's error body.
        assertThat(document.at("/paths/~1orders/post/responses/409/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Error");
    }

    private static boolean isRegistry(String route) {
        String path = route.substring(route.indexOf(' ') + 1);
        return path.equals("/registry") || path.startsWith("/registry/") || path.startsWith("/ui/");
    }

    private static List<String> routesOf(TestApi api) {
        return api.registeredRoutes();
    }
}
