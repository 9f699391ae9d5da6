package io.tradingengine.app.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The few calls of the Confluent registry API the {@code schemas} commands make, against the engine's
 * {@code /registry} or any Confluent-compatible registry: bearer token, or basic auth from the URL's user info.
 */
final class RegistryRest {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI base;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** The outcome of a compatibility check. */
    record Check(boolean compatible, List<String> messages) {
    }

    RegistryRest(String url, String bearerToken) {
        URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        if (uri.getUserInfo() != null) {
            this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                    uri.getRawUserInfo().getBytes(StandardCharsets.UTF_8));
            this.base = URI.create(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":"
                    + uri.getPort()) + uri.getRawPath());
        } else {
            this.authorization = bearerToken == null || bearerToken.isBlank() ? null : "Bearer " + bearerToken;
            this.base = uri;
        }
    }

    /** Registers {@code schema} under {@code subject} and returns its id. */
    int register(String subject, Schema schema) {
        return send("POST", "/subjects/" + encode(subject) + "/versions", body(schema)).get("id").asInt();
    }

    /** Checks {@code schema} against the versions the subject's compatibility level looks at. */
    Check check(String subject, Schema schema) {
        JsonNode answer = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true",
                body(schema));
        List<String> messages = new ArrayList<>();
        answer.path("messages").forEach(m -> messages.add(m.asText()));
        return new Check(answer.path("is_compatible").asBoolean(false), messages);
    }

    private JsonNode send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("Accept", CONTENT_TYPE).header("Content-Type", CONTENT_TYPE)
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach the registry at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling the registry", e);
        }
        JsonNode answer;
        try {
            answer = MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("The registry answered " + response.statusCode() + " with a body that is"
                    + " not JSON: " + response.body());
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The registry answered " + response.statusCode() + " "
                    + answer.path("error_code").asText("") + ": " + answer.path("message").asText(response.body()));
        }
        return answer;
    }

    private static String body(Schema schema) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("schema", schema.toString());
        return node.toString();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
