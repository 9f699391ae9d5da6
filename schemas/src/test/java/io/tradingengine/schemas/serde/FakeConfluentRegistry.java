package io.tradingengine.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tradingengine.schemas.registry.AvroSchemaParser;
import io.tradingengine.schemas.registry.InMemorySchemaStore;
import io.tradingengine.schemas.registry.SchemaVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;

/**
 * A stand-in for an external Confluent Schema Registry's wire API (the three endpoints the client uses), on the
 * JDK's HTTP server under {@code /registry}, backed by an {@link InMemorySchemaStore}. It records what it received,
 * can demand an {@code Authorization} value, and can be told to answer with a non-Confluent error or to hang.
 */
final class FakeConfluentRegistry implements AutoCloseable {

    /** One request as the fake saw it. */
    record Received(String method, String rawPath, String authorization, String contentType, String accept) {
    }

    enum Behaviour { NORMAL, PLAIN_TEXT_500, HANG }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    final InMemorySchemaStore store = new InMemorySchemaStore();
    final List<Received> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile String requiredAuthorization;
    private volatile Behaviour behaviour = Behaviour.NORMAL;

    FakeConfluentRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/registry/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/registry";
    }

    int port() {
        return server.getAddress().getPort();
    }

    void requireAuthorization(String value) {
        requiredAuthorization = value;
    }

    void behave(Behaviour next) {
        behaviour = next;
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String rawPath = exchange.getRequestURI().getRawPath();
            received.add(new Received(exchange.getRequestMethod(), rawPath,
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Accept")));
            if (behaviour == Behaviour.HANG) {
                release.await(30, TimeUnit.SECONDS);
                return;
            }
            if (behaviour == Behaviour.PLAIN_TEXT_500) {
                send(exchange, 500, "text/plain", "upstream exploded");
                return;
            }
            if (requiredAuthorization != null
                    && !requiredAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                error(exchange, 401, 40101, "Unauthorized");
                return;
            }
            try {
                route(exchange, exchange.getRequestMethod(), rawPath.substring("/registry/".length()).split("/"));
            } catch (SchemaRegistryException e) {
                error(exchange, 422, e.errorCode(), e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void route(HttpExchange exchange, String method, String[] path) throws IOException {
        if ("GET".equals(method) && path.length == 3 && "schemas".equals(path[0]) && "ids".equals(path[1])) {
            int id = Integer.parseInt(path[2]);
            if (store.subjectsOf(id).isEmpty()) {
                error(exchange, 404, 40403, "Schema " + id + " not found");
                return;
            }
            ObjectNode body = MAPPER.createObjectNode();
            body.put("schema", store.schemaById(id).toString());
            json(exchange, 200, body);
        } else if ("POST".equals(method) && path.length == 3 && "subjects".equals(path[0])
                && "versions".equals(path[2])) {
            Schema schema = AvroSchemaParser.parse(schemaOf(exchange));
            ObjectNode body = MAPPER.createObjectNode();
            body.put("id", store.register(decode(path[1]), schema));
            json(exchange, 200, body);
        } else if ("POST".equals(method) && path.length == 2 && "subjects".equals(path[0])) {
            lookup(exchange, decode(path[1]), AvroSchemaParser.parse(schemaOf(exchange)));
        } else {
            error(exchange, 404, 404, "HTTP 404 Not Found");
        }
    }

    private void lookup(HttpExchange exchange, String subject, Schema schema) throws IOException {
        if (store.versions(subject).isEmpty()) {
            error(exchange, 404, 40401, "Subject '" + subject + "' not found.");
            return;
        }
        Optional<SchemaVersion> found = store.lookup(subject, schema);
        if (found.isEmpty()) {
            error(exchange, 404, 40403, "Schema not found");
            return;
        }
        ObjectNode body = MAPPER.createObjectNode();
        body.put("subject", subject);
        body.put("version", found.get().version());
        body.put("id", found.get().id());
        body.put("schema", found.get().schema().toString());
        json(exchange, 200, body);
    }

    private static String schemaOf(HttpExchange exchange) throws IOException {
        JsonNode body = MAPPER.readTree(exchange.getRequestBody());
        return body.path("schema").asText();
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment, StandardCharsets.UTF_8);
    }

    private static void error(HttpExchange exchange, int status, int code, String message) throws IOException {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("error_code", code);
        body.put("message", message);
        json(exchange, status, body);
    }

    private static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        send(exchange, status, "application/vnd.schemaregistry.v1+json", MAPPER.writeValueAsString(body));
    }

    private static void send(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
