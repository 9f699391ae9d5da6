package io.tradingengine.api.http;

import io.javalin.http.Context;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Forwards a read to the instance that holds its key, with the caller's credentials and correlation id, and relays
 * the answer. A forwarded request carries {@value #FORWARDED_BY} (the forwarding instance), and an instance never
 * forwards a request that carries it: a request crosses at most one hop, whatever the instances believe about each
 * other during a rebalance. Targets come only from Kafka Streams' metadata, never from the request.
 */
public final class Forwarder {

    /** Request header marking a forwarded request; its value is the forwarding instance's {@code host:port}. */
    public static final String FORWARDED_BY = "X-Forwarded-By";
    /** Response header of a store read: {@code active}, or {@code standby} when a standby or restoring copy answers. */
    public static final String SERVED_BY = "X-Served-By";
    /** Response header of a store read: the {@code host:port} of the instance whose store answered. */
    public static final String INSTANCE = "X-Instance";

    private static final List<String> RELAYED_HEADERS = List.of(SERVED_BY, INSTANCE, "Retry-After", "Location");

    private final HttpClient client;
    private final Duration timeout;
    private final String self;

    /**
     * @param timeout the longest a forwarded request may take, connection included
     * @param self this instance's {@code host:port}, sent in {@value #FORWARDED_BY}
     */
    public Forwarder(Duration timeout, String self) {
        this.timeout = timeout;
        this.self = self == null ? "unknown" : self;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** An answer of another instance. */
    public record Response(int status, String body, String contentType, Map<String, String> headers) {

        public Response {
            headers = Map.copyOf(headers);
        }
    }

    /** True when this request was forwarded by another instance (and so must be answered here). */
    public static boolean isForwarded(Context ctx) {
        return ctx.header(FORWARDED_BY) != null;
    }

    /** The path and query of this request as received, to forward it unchanged. */
    public static String pathAndQuery(Context ctx) {
        String query = ctx.queryString();
        return ctx.req().getRequestURI() + (query == null || query.isEmpty() ? "" : "?" + query);
    }

    /** GETs {@code pathAndQuery} from {@code target} as the caller of {@code ctx}. Fails on no answer in time. */
    public CompletableFuture<Response> get(Context ctx, HostInfo target, String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(target, pathAndQuery))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header(FORWARDED_BY, self)
                .header(CorrelationIds.HEADER, CorrelationIds.of(ctx))
                .GET();
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).thenApply(Forwarder::response);
    }

    /** Writes another instance's answer as this request's answer. */
    public static void relay(Context ctx, Response response) {
        response.headers().forEach(ctx::header);
        if (response.contentType() != null) {
            ctx.contentType(response.contentType());
        }
        ctx.status(response.status()).result(response.body());
    }

    private static Response response(HttpResponse<String> http) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : RELAYED_HEADERS) {
            http.headers().firstValue(name).ifPresent(value -> headers.put(name, value));
        }
        return new Response(http.statusCode(), http.body(),
                http.headers().firstValue("Content-Type").orElse(null), headers);
    }

    private static URI uri(HostInfo target, String pathAndQuery) {
        String host = target.host().contains(":") ? "[" + target.host() + "]" : target.host();
        return URI.create("http://" + host + ":" + target.port() + pathAndQuery);
    }
}
