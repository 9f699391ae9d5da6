package io.tradingengine.ingest.support;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A programmable HTTP server on loopback (JDK {@code com.sun.net.httpserver}) that records every request. */
public final class FakeHttpServer implements AutoCloseable {

    /** A request as received. */
    public record Request(String method, String path, String query, Map<String, String> headers, long nanos) {

        /** A header value by case-insensitive name, or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The raw query's parameters (repeated keys: every value, in order). */
        public List<String> params(String name) {
            if (query == null) {
                return List.of();
            }
            return List.of(query.split("&")).stream().filter(pair -> pair.startsWith(name + "="))
                    .map(pair -> java.net.URLDecoder.decode(pair.substring(name.length() + 1),
                            StandardCharsets.UTF_8))
                    .collect(Collectors.toList());
        }
    }

    /** A response to send; {@code drop()} closes the connection without one, {@code hang()} never answers. */
    public record Response(int status, String contentType, String body, Map<String, String> headers,
            boolean dropped, boolean hanging, boolean stalled) {

        public static Response json(int status, String body) {
            return new Response(status, "application/json", body, Map.of(), false, false, false);
        }

        public static Response json(String body) {
            return json(200, body);
        }

        public static Response html(int status, String body) {
            return new Response(status, "text/html; charset=utf-8", body, Map.of(), false, false, false);
        }

        public static Response drop() {
            return new Response(0, null, null, Map.of(), true, false, false);
        }

        /** Headers and half the promised body, then nothing more: a stream that stalls mid-body. */
        public static Response truncated() {
            return new Response(0, null, null, Map.of(), false, false, true);
        }

        public static Response hang() {
            return new Response(0, null, null, Map.of(), false, true, false);
        }

        public Response withHeader(String name, String value) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put(name, value);
            return new Response(status, contentType, body, all, dropped, hanging, stalled);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Function<Request, Response>> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    private FakeHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static FakeHttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "fake-http");
                thread.setDaemon(true);
                return thread;
            });
            FakeHttpServer fake = new FakeHttpServer(server, executor);
            server.createContext("/", fake::handle);
            server.setExecutor(executor);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Answers requests to exactly {@code path} with {@code handler} (replacing an earlier one). */
    public FakeHttpServer route(String path, Function<Request, Response> handler) {
        routes.put(path, handler);
        return this;
    }

    /** The server's root, {@code http://127.0.0.1:port}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(request -> request.path().equals(path)).collect(Collectors.toList());
    }

    public int count(String path) {
        return requests(path).size();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        Headers received = exchange.getRequestHeaders();
        received.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        URI uri = exchange.getRequestURI();
        Request request = new Request(exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(), headers,
                System.nanoTime());
        requests.add(request);
        Function<Request, Response> route = routes.get(uri.getPath());
        Response response = route == null ? Response.json(404, "{\"error\":\"not found\"}") : route.apply(request);
        if (response.hanging()) {
            try {
                closing.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        if (response.dropped()) {
            exchange.close();
            return;
        }
        if (response.stalled()) {
            byte[] promised = "{\"bitcoin\":{\"usd\":76975,\"last_updated_at\":1779092258}}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, promised.length);
            OutputStream out = exchange.getResponseBody();
            out.write(promised, 0, promised.length / 2);
            out.flush();
            try {
                closing.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
