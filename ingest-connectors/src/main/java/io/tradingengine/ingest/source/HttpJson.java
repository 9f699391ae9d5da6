package io.tradingengine.ingest.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * GET a JSON document over {@link HttpClient}, turning every way it can fail into a {@link SourceException} of the
 * right kind: timeouts, refused connections, 429 with its {@code Retry-After}, 5xx, other 4xx, HTML error pages
 * (whatever their status) and bodies that are not JSON. Vendor error bodies that come with HTTP 200 are left to
 * the caller, which knows the vendor's format.
 */
public final class HttpJson {

    private final HttpClient client;
    private final Duration timeout;
    private final Clock clock;

    public HttpJson(HttpClient client, Duration timeout, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** An HTTP/1.1 client with the connect timeout, as the connectors use it. */
    public static HttpClient newClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** GETs {@code uri} with {@code headers}; returns the parsed body of a 2xx JSON response. */
    public JsonNode get(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("Accept", "application/json");
        headers.forEach(request::header);
        HttpResponse<String> response;
        // The request timeout only covers the headers; the deadline on the future also covers a stalled body.
        CompletableFuture<HttpResponse<String>> exchange = client.sendAsync(request.build(),
                HttpResponse.BodyHandlers.ofString());
        try {
            response = exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw timedOut(uri, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw timedOut(uri, cause);
            }
            throw new SourceException(ErrorKind.CONNECTION, "GET " + uri.getPath() + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new SourceException(ErrorKind.CONNECTION, "GET " + uri.getPath() + " interrupted", e);
        }
        return body(uri, response);
    }

    private SourceException timedOut(URI uri, Throwable cause) {
        return new SourceException(ErrorKind.TIMEOUT, "GET " + uri.getPath() + " timed out after "
                + timeout.toMillis() + " ms", cause);
    }

    private JsonNode body(URI uri, HttpResponse<String> response) {
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        String what = "GET " + uri.getPath() + " -> " + status;
        if (status == 429) {
            Duration retryAfter = retryAfter(response.headers().firstValue("Retry-After").orElse(null),
                    clock.instant());
            throw new SourceException(ErrorKind.RATE_LIMITED, what + (retryAfter == null ? ""
                    : " retry after " + retryAfter.toMillis() + " ms") + ": " + Json.snippet(body), status,
                    retryAfter, null);
        }
        if (isHtml(response, body)) {
            throw new SourceException(ErrorKind.HTML_ERROR_PAGE, what + " HTML page: " + Json.snippet(body),
                    status, null, null);
        }
        if (status >= 500) {
            throw new SourceException(ErrorKind.SERVER_ERROR, what + ": " + Json.snippet(body), status, null, null);
        }
        if (status < 200 || status >= 300) {
            throw new SourceException(ErrorKind.CLIENT_ERROR, what + ": " + Json.snippet(body), status, null, null);
        }
        if (body.isBlank()) {
            throw new SourceException(ErrorKind.MALFORMED, what + " with an empty body");
        }
        return Json.parse(body);
    }

    private static boolean isHtml(HttpResponse<String> response, String body) {
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        String start = body.stripLeading();
        return type.contains("text/html") || start.startsWith("<");
    }

    /**
     * The wait a {@code Retry-After} header asks for: delta seconds or an HTTP date; null when absent or unreadable.
     */
    public static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(now, at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
