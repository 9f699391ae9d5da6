package io.tradingengine.api.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingengine.api.ApiConfig;
import io.tradingengine.api.auth.Tokens;
import io.tradingengine.schemas.registry.InMemorySchemaStore;
import io.tradingengine.schemas.registry.SchemaStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/** A {@link RegistryServer} on a free port over an in-memory store, with a real HTTP client. */
final class RegistryHttp implements AutoCloseable {

    static final String SECRET = "registry-test-secret-at-least-32-bytes-long";
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    static final ObjectMapper MAPPER = new ObjectMapper();

    final SchemaStore store;
    private final RegistryServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    RegistryHttp(RegistrySettings settings) {
        this(settings, new InMemorySchemaStore());
    }

    RegistryHttp(RegistrySettings settings, SchemaStore store) {
        this.store = store;
        this.server = RegistryServer.create(ApiConfig.of(SECRET), store, settings).start(0);
    }

    static String token(String user, String... roles) {
        return Tokens.mint(SECRET, user, List.of(roles), Duration.ofMinutes(5));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    HttpResponse<String> get(String path, String token) {
        return send(request(path, token).GET());
    }

    HttpResponse<String> delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    HttpResponse<String> post(String path, String token, String body) {
        return send(request(path, token).header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> put(String path, String token, String body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** POSTs {@code {"schema": "..."}} for {@code schema}. */
    HttpResponse<String> postSchema(String path, String token, Schema schema) {
        return post(path, token, schemaBody(schema.toString()));
    }

    static String schemaBody(String schemaText) {
        try {
            return MAPPER.writeValueAsString(Map.of("schema", schemaText));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(10)).header("Accept", CONTENT_TYPE);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
