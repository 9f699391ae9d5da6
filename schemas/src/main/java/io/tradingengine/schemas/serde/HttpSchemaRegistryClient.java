package io.tradingengine.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.avro.Schema;

/**
 * A {@link SchemaRegistryClient} over the Confluent Schema Registry REST API, for any compatible registry: the
 * engine's own under {@code http://host:port/registry}, or Confluent's. Uses {@code POST /subjects/{s}/versions}
 * (register), {@code POST /subjects/{s}} (look up) and {@code GET /schemas/ids/{id}}.
 *
 * <p>The URL may be a comma-separated list (tried in order when one cannot be reached) and may carry basic-auth
 * user info ({@code https://user:pass@host/}); a bearer token can be supplied instead. Error bodies
 * {@code {error_code, message}} become {@link SchemaRegistryException}s with that code; other failed responses use the
 * HTTP status as the code; a timeout is 50002 and an unreachable registry 50001. Calls are not cached: wrap the
 * client in {@link CachedSchemaRegistryClient}. Thread-safe.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

    /** Default connect and request timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    // The Accept header Confluent's own Java client sends.
    private static final String ACCEPT = "application/vnd.schemaregistry.v1+json,"
            + " application/vnd.schemaregistry+json; q=0.9, application/json; q=0.5";
    private static final int STORE_ERROR = 50001;
    private static final int TIMED_OUT = 50002;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<URI> baseUris;
    private final String basicAuth;
    private final Supplier<String> bearerToken;
    private final Duration timeout;
    private final HttpClient http;

    /** A client for {@code urls} (comma-separated, user info allowed) with the default timeout and no token. */
    public HttpSchemaRegistryClient(String urls) {
        this(urls, null, DEFAULT_TIMEOUT);
    }

    /**
     * @param urls one registry URL or several separated by commas; all must carry the same user info, if any
     * @param bearerToken supplies the token sent as {@code Authorization: Bearer}, asked on every call so that it
     *     may be renewed; null for none. Cannot be combined with user info in the URL.
     * @param timeout connect and request timeout
     * @throws IllegalArgumentException on a malformed URL, differing user info, or user info with a token
     */
    public HttpSchemaRegistryClient(String urls, Supplier<String> bearerToken, Duration timeout) {
        List<URI> uris = new ArrayList<>();
        String userInfo = null;
        for (String url : urls.split(",")) {
            URI uri = parse(url.strip());
            String info = uri.getUserInfo();
            if (!uris.isEmpty() && !Objects.equals(info, userInfo)) {
                throw new IllegalArgumentException("All schema registry URLs must carry the same user info");
            }
            userInfo = info;
            uris.add(withoutUserInfo(uri));
        }
        if (userInfo != null && bearerToken != null) {
            throw new IllegalArgumentException("Give the schema registry either user info in the URL or a bearer "
                    + "token, not both");
        }
        this.baseUris = List.copyOf(uris);
        this.basicAuth = userInfo == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        this.bearerToken = bearerToken;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public int register(String subject, Schema schema) {
        JsonNode body = call("POST", "subjects/" + encode(subject) + "/versions", schemaBody(schema));
        return requiredInt(body, "id");
    }

    @Override
    public int idOf(String subject, Schema schema) {
        JsonNode body = call("POST", "subjects/" + encode(subject), schemaBody(schema));
        return requiredInt(body, "id");
    }

    @Override
    public Schema schemaById(int id) {
        JsonNode body = call("GET", "schemas/ids/" + id, null);
        String type = body.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw new SchemaRegistryException(42201, "Schema " + id + " is " + type + ", not Avro");
        }
        if (body.path("references").isArray() && !body.path("references").isEmpty()) {
            throw new SchemaRegistryException(42201, "Schema " + id + " has references, which this client does "
                    + "not resolve");
        }
        if (!body.path("schema").isTextual()) {
            throw new SchemaRegistryException(STORE_ERROR, "The registry's answer for schema " + id
                    + " holds no schema");
        }
        try {
            return new Schema.Parser().parse(body.get("schema").asText());
        } catch (RuntimeException e) {
            throw new SchemaRegistryException(42201, "Schema " + id + " from the registry does not parse: "
                    + e.getMessage(), e);
        }
    }

    private JsonNode call(String method, String path, String body) {
        SchemaRegistryException unreachable = null;
        for (URI base : baseUris) {
            Optional<HttpResponse<String>> response = send(base.resolve(path), method, body);
            if (response.isPresent()) {
                return answer(method, path, response.get());
            }
            unreachable = new SchemaRegistryException(STORE_ERROR, "Schema registry " + base + " cannot be reached");
        }
        throw unreachable;
    }

    /** The response, or empty when the registry cannot be reached (so the next URL is tried). */
    private Optional<HttpResponse<String>> send(URI uri, String method, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", ACCEPT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE);
        }
        if (basicAuth != null) {
            request.header("Authorization", basicAuth);
        } else if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken.get());
        }
        try {
            return Optional.of(http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        } catch (HttpTimeoutException e) {
            throw new SchemaRegistryException(TIMED_OUT, method + " " + uri + " timed out after "
                    + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(STORE_ERROR, "Interrupted while calling the schema registry", e);
        }
    }

    private static JsonNode answer(String method, String path, HttpResponse<String> response) {
        JsonNode json = readJson(response.body());
        int status = response.statusCode();
        if (status >= 200 && status < 300 && json != null) {
            return json;
        }
        if (json != null && json.path("error_code").canConvertToInt()) {
            throw new SchemaRegistryException(json.get("error_code").asInt(),
                    json.path("message").asText("Schema registry error " + json.get("error_code").asInt()));
        }
        String text = response.body() == null ? "" : response.body();
        throw new SchemaRegistryException(status, "Schema registry answered " + status + " to " + method + " /"
                + path + (text.isBlank() ? "" : ": " + text.substring(0, Math.min(200, text.length()))));
    }

    private static JsonNode readJson(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private static String schemaBody(Schema schema) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("schema", schema.toString());
        try {
            return MAPPER.writeValueAsString(body);
        } catch (IOException e) {
            throw new SchemaRegistryException(STORE_ERROR, "Cannot write the request body", e);
        }
    }

    private static int requiredInt(JsonNode body, String field) {
        if (!body.path(field).canConvertToInt()) {
            throw new SchemaRegistryException(STORE_ERROR, "The registry's answer has no " + field + ": " + body);
        }
        return body.get(field).asInt();
    }

    /** A subject as one path segment: a slash in it must not split the path, a space is %20, not '+'. */
    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static URI parse(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("Schema registry URL needs a scheme and a host: " + url);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Malformed schema registry URL: " + url, e);
        }
    }

    private static URI withoutUserInfo(URI uri) {
        // A trailing slash makes resolve() append "subjects/..." to the path instead of replacing its last segment.
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (!path.endsWith("/")) {
            path = path + "/";
        }
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority().substring(
                uri.getRawUserInfo() == null ? 0 : uri.getRawUserInfo().length() + 1) + path);
    }
}
