package io.tradingengine.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tradingengine.ingest.support.FakeHttpServer;
import io.tradingengine.ingest.support.FakeHttpServer.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpJsonTest {

    private final FakeHttpServer server = FakeHttpServer.start();
    private final HttpJson http = new HttpJson(HttpJson.newClient(Duration.ofSeconds(2)), Duration.ofMillis(500),
            Clock.systemUTC());

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldReadAJsonBodyWithNumbersAsDecimals() {
        server.route("/ok", request -> Response.json("{\"price\":0.1,\"big\":123456789012345678901234567890}"));

        var body = http.get(uri("/ok"), Map.of("X-Test", "1"));

        assertThat(body.get("price").decimalValue()).isEqualByComparingTo("0.1");
        assertThat(body.get("price").isBigDecimal()).isTrue();
        assertThat(server.requests("/ok").get(0).header("x-test")).isEqualTo("1");
    }

    @Test
    void shouldClassifyEveryFailure() {
        server.route("/429", request -> Response.json(429, "{}").withHeader("Retry-After", "7"));
        server.route("/503", request -> Response.json(503, "{\"error\":\"down\"}"));
        server.route("/401", request -> Response.json(401, "{\"status\":{\"error_code\":10002}}"));
        server.route("/html", request -> Response.html(200, "<html>Cloudflare</html>"));
        server.route("/html502", request -> Response.html(502, "<html>Bad gateway</html>"));
        server.route("/garbage", request -> Response.json("{\"a\":"));
        server.route("/empty", request -> Response.json(""));
        server.route("/hang", request -> Response.hang());
        server.route("/stall", request -> Response.truncated());

        SourceException limited = failure("/429");
        assertThat(limited.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(limited.httpStatus()).isEqualTo(429);
        assertThat(failure("/503").kind()).isEqualTo(ErrorKind.SERVER_ERROR);
        assertThat(failure("/503").isTransient()).isTrue();
        assertThat(failure("/401").kind()).isEqualTo(ErrorKind.CLIENT_ERROR);
        assertThat(failure("/401").isTransient()).isFalse();
        assertThat(failure("/html").kind()).isEqualTo(ErrorKind.HTML_ERROR_PAGE);
        assertThat(failure("/html502").kind()).isEqualTo(ErrorKind.HTML_ERROR_PAGE);
        assertThat(failure("/garbage").kind()).isEqualTo(ErrorKind.MALFORMED);
        assertThat(failure("/empty").kind()).isEqualTo(ErrorKind.MALFORMED);
        assertThat(failure("/hang").kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(failure("/stall").kind()).isEqualTo(ErrorKind.TIMEOUT);
    }

    @Test
    void shouldClassifyARefusedConnection() {
        URI closed = uri("/x");
        server.close();

        assertThat(catchThrowableOfType(SourceException.class, () -> http.get(closed, Map.of())).kind())
                .isEqualTo(ErrorKind.CONNECTION);
    }

    @Test
    void shouldReadRetryAfterAsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2026-05-18T12:00:00Z");

        assertThat(HttpJson.retryAfter("120", now)).isEqualTo(Duration.ofMinutes(2));
        assertThat(HttpJson.retryAfter("Mon, 18 May 2026 12:00:30 GMT", now)).isEqualTo(Duration.ofSeconds(30));
        assertThat(HttpJson.retryAfter("Mon, 18 May 2026 11:00:00 GMT", now)).isEqualTo(Duration.ZERO);
        assertThat(HttpJson.retryAfter("soon", now)).isNull();
        assertThat(HttpJson.retryAfter(null, now)).isNull();
    }

    private SourceException failure(String path) {
        return catchThrowableOfType(SourceException.class, () -> http.get(uri(path), Map.of()));
    }

    private URI uri(String path) {
        return URI.create(server.uri() + path);
    }
}
