package io.tradingengine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import io.tradingengine.api.auth.Tokens;
import io.tradingengine.api.http.Forwarder;
import io.tradingengine.api.support.Fixtures;
import io.tradingengine.api.support.TestApi;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SecurityTest {

    private TestApi api;

    @BeforeEach
    void start() {
        api = TestApi.start();
        api.queries.put(Fixtures.assessment("A-alice", "alice", "100000", "100000", "100000"));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void shouldAnswer401WithJsonErrorWhenTokenIsMissing() {
        HttpResponse<String> response = api.get("/assessments/A-alice", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        JsonNode body = api.json(response);
        assertThat(body.get("error").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(body.get("message").asText()).isNotBlank();
        assertThat(body.get("correlationId").asText())
                .isEqualTo(response.headers().firstValue("X-Correlation-ID").orElseThrow());
    }

    @Test
    void shouldAnswer401WhenAuthorizationIsNotBearer() {
        HttpResponse<String> response = api.send(api.request("/assessments/A-alice", null)
                .header("Authorization", "Basic YWxpY2U6cGFzcw==").GET());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void shouldRejectTokenWithAlgorithmNone() {
        String header = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        long exp = Instant.now().plusSeconds(300).getEpochSecond();
        String payload = base64("{\"sub\":\"alice\",\"roles\":[\"admin\"],\"exp\":" + exp + "}");

        HttpResponse<String> response = api.get("/assessments/A-alice", header + "." + payload + ".");

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void shouldRejectTokenSignedWithAnotherKey() {
        String forged = Tokens.mint("another-secret-that-is-also-32-bytes-long", "alice", List.of("admin"),
                Duration.ofMinutes(5));

        assertThat(api.get("/assessments/A-alice", forged).statusCode()).isEqualTo(401);
    }

    @Test
    void shouldRejectTokenSignedWithAnotherAlgorithmAndTheSameSecret() {
        String hs512 = JWT.create().withSubject("alice").withClaim("roles", List.of("trader"))
                .withExpiresAt(Instant.now().plusSeconds(300)).sign(Algorithm.HMAC512(TestApi.SECRET));

        assertThat(api.get("/assessments/A-alice", hs512).statusCode()).isEqualTo(401);
    }

    @Test
    void shouldRejectTokenWithoutExpiry() {
        String noExp = JWT.create().withSubject("alice").withClaim("roles", List.of("trader"))
                .sign(Algorithm.HMAC256(TestApi.SECRET));

        HttpResponse<String> response = api.get("/assessments/A-alice", noExp);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(api.json(response).get("message").asText()).contains("exp");
    }

    @Test
    void shouldRejectExpiredToken() {
        String expired = JWT.create().withSubject("alice").withClaim("roles", List.of("trader"))
                .withExpiresAt(Instant.now().minusSeconds(60)).sign(Algorithm.HMAC256(TestApi.SECRET));

        HttpResponse<String> response = api.get("/assessments/A-alice", expired);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(api.json(response).get("message").asText()).isEqualTo("token expired");
    }

    @Test
    void shouldRejectTokenWithoutSubject() {
        String noSub = JWT.create().withClaim("roles", List.of("trader"))
                .withExpiresAt(Instant.now().plusSeconds(300)).sign(Algorithm.HMAC256(TestApi.SECRET));

        assertThat(api.get("/assessments/A-alice", noSub).statusCode()).isEqualTo(401);
    }

    @Test
    void shouldRejectGarbageToken() {
        assertThat(api.get("/assessments/A-alice", "not-a-jwt").statusCode()).isEqualTo(401);
    }

    @Test
    void shouldAnswer404WhenTraderReadsAnotherTradersAssessment() {
        HttpResponse<String> response = api.get("/assessments/A-alice", TestApi.token("mallory", "trader"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(api.json(response).get("error").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void shouldAnswer404WhenTraderReadsAnotherTradersPositions() {
        assertThat(api.get("/positions?assessmentId=A-alice", TestApi.token("mallory", "trader")).statusCode())
                .isEqualTo(404);
    }

    @Test
    void shouldLetTheOwnerAndAnAdminReadTheAssessment() {
        assertThat(api.get("/assessments/A-alice", TestApi.token("alice", "trader")).statusCode()).isEqualTo(200);
        assertThat(api.get("/assessments/A-alice", TestApi.token("root", "admin")).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswer403WhenTraderCreatesAnAssessment() {
        HttpResponse<String> response = api.post("/assessments", TestApi.token("alice", "trader"),
                "{\"userId\":\"alice\",\"startingBalance\":\"100000\"}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(api.json(response).get("error").asText()).isEqualTo("FORBIDDEN");
        assertThat(api.commands.assessments()).isEmpty();
    }

    @Test
    void shouldAnswer403WhenTokenHasNoKnownRoleForATraderRoute() {
        String roleless = TestApi.token("alice", "viewer");

        assertThat(api.get("/assessments/A-alice", roleless).statusCode()).isEqualTo(403);
    }

    @Test
    void shouldCheckIssuerAndAudienceWhenConfigured() {
        try (TestApi strict = TestApi.start(ApiConfig.of(TestApi.SECRET).withJwtClaims("engine", "traders"))) {
            strict.queries.put(Fixtures.assessment("A-alice", "alice", "100000", "100000", "100000"));
            String right = Tokens.mint(TestApi.SECRET, "alice", List.of("trader"), Duration.ofMinutes(1), "engine",
                    "traders");
            String wrongAudience = Tokens.mint(TestApi.SECRET, "alice", List.of("trader"), Duration.ofMinutes(1),
                    "engine", "others");
            String noIssuer = TestApi.token("alice", "trader");

            assertThat(strict.get("/assessments/A-alice", right).statusCode()).isEqualTo(200);
            assertThat(strict.get("/assessments/A-alice", wrongAudience).statusCode()).isEqualTo(401);
            assertThat(strict.get("/assessments/A-alice", noIssuer).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void shouldEchoTheCallersCorrelationId() {
        HttpResponse<String> response = api.send(api.request("/assessments/nope", TestApi.token("alice", "trader"))
                .header("X-Correlation-ID", "req-42").GET());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("X-Correlation-ID")).hasValue("req-42");
        assertThat(api.json(response).get("correlationId").asText()).isEqualTo("req-42");
    }

    @Test
    void shouldReplaceAnUnsafeCorrelationIdWithAGeneratedOne() {
        HttpResponse<String> response = api.send(api.request("/ready", null)
                .header("X-Correlation-ID", "bad id with spaces").GET());

        assertThat(response.headers().firstValue("X-Correlation-ID").orElseThrow())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @Test
    void shouldCarryACorrelationIdOnUnknownRoutes() {
        HttpResponse<String> response = api.get("/nowhere", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("X-Correlation-ID")).isPresent();
        assertThat(api.json(response).get("error").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void shouldNotRevealTheServerVersion() {
        HttpResponse<String> response = api.get("/ready", null);

        assertThat(response.headers().firstValue("Server")).isEmpty();
    }

    @Test
    void shouldRefuseAWeakSecretNamingJwtSecret() {
        assertThatThrownBy(() -> ApiConfig.of("short"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JWT_SECRET");
        assertThatThrownBy(
                        () -> Tokens.mint("short", "alice", List.of("trader"), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JWT_SECRET");
    }

    @Test
    void shouldAnswer413ForAnOversizeBodyEvenWithoutContentLength() {
        byte[] big = ("{\"pad\":\"" + "x".repeat(80_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        // An input stream publisher sends the body chunked, without Content-Length.
        HttpResponse<String> response = api.send(api.request("/orders", TestApi.token("alice", "trader"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(api.json(response).get("error").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(api.commands.orders()).isEmpty();
    }

    @Test
    void shouldAnswer400ForUnknownJsonFieldsRatherThanIgnoreThem() {
        HttpResponse<String> order = api.post("/orders", TestApi.token("alice", "trader"),
                "{\"assessmentId\":\"A-alice\",\"market\":\"BTC/USD\",\"side\":\"long\",\"quantity\":1,"
                        + "\"userId\":\"mallory\"}");
        HttpResponse<String> assessment = api.post("/assessments", TestApi.token("root", "admin"),
                "{\"userId\":\"alice\",\"startingBalance\":1,\"status\":\"PASSED\"}");

        assertThat(order.statusCode()).isEqualTo(400);
        assertThat(api.json(order).get("field").asText()).isEqualTo("userId");
        assertThat(assessment.statusCode()).isEqualTo(400);
        assertThat(api.json(assessment).get("field").asText()).isEqualTo("status");
    }

    @Test
    void shouldAnswer400ForAMalformedCursorNamingIt() {
        String alice = TestApi.token("alice", "trader");
        String foreignCursor = Base64.getUrlEncoder().encodeToString(
                "orders\n2025-01-01T00:00:00Z\no1".getBytes(StandardCharsets.UTF_8));

        for (String path : List.of("/trades?assessmentId=A-alice&cursor=bogus",
                "/orders?assessmentId=A-alice&cursor=bogus", "/trades?assessmentId=A-alice&cursor=" + foreignCursor)) {
            HttpResponse<String> response = api.get(path, alice);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(api.json(response).get("field").asText()).as(path).isEqualTo("cursor");
        }
    }

    @Test
    void shouldValidatePathAndQueryParameters() {
        String alice = TestApi.token("alice", "trader");
        assertField(api.get("/assessments/bad%20id", alice), "assessmentId");
        assertField(api.get("/positions?assessmentId=" + "a".repeat(129), alice), "assessmentId");
        assertField(api.get("/orders/o1?assessmentId=a%2Fb", alice), "assessmentId");
        assertField(api.get("/orders/bad%0Aid", alice), "orderId");
        assertField(api.get("/trades?assessmentId=A-alice&limit=0", alice), "limit");
        assertField(api.get("/trades?assessmentId=A-alice&limit=501", alice), "limit");
        assertField(api.get("/orders?assessmentId=A-alice&limit=ten", alice), "limit");
        assertField(api.get("/prices/" + "X".repeat(201), alice), "market");
    }

    @Test
    void shouldAnswerUnexpectedFailuresWithoutStackTraceOrExceptionText() {
        api.queries.breakWith(new IllegalStateException("secret internals at io.tradingengine.Foo"));

        HttpResponse<String> response = api.get("/assessments/A-alice", TestApi.token("alice", "trader"));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(api.json(response).get("message").asText()).isEqualTo("internal error");
        assertThat(response.body()).doesNotContain("secret internals").doesNotContain("Exception")
                .doesNotContain("at io.");
    }

    @Test
    void shouldAnswerMalformedRequestsWithoutStackTraces() throws IOException {
        for (String line : List.of("GET /prices/%ZZ HTTP/1.1", "GET /assessments/%E0%A4%A HTTP/1.1",
                "POST /orders HTTP/1.1\r\nContent-Length: abc")) {
            String answer = raw(line);
            assertThat(answer).as(line).startsWith("HTTP/1.1 4");
            assertThat(answer).as(line).doesNotContain("Exception").doesNotContain("at org.")
                    .doesNotContain("at io.");
        }
    }

    @Test
    void shouldTellClientsNotToCacheOrSniffAnswers() {
        HttpResponse<String> response = api.get("/assessments/A-alice", TestApi.token("alice", "trader"));

        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void shouldNotOpenAnotherUsersDataToASpoofedForwardingHeader() {
        HttpResponse<String> response = api.send(api.request("/assessments/A-alice",
                TestApi.token("mallory", "trader")).header(Forwarder.FORWARDED_BY, "10.0.0.1:8080").GET());

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void shouldAnswer403WhenATraderWritesToTheRegistry() {
        HttpResponse<String> response = api.post("/registry/subjects/x-value/versions",
                TestApi.token("alice", "trader"),
                "{\"schema\":\"\\\"string\\\"\"}");

        assertThat(response.statusCode()).isEqualTo(403);
    }

    private void assertField(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(api.json(response).get("field").asText()).isEqualTo(field);
    }

    /** Sends a raw HTTP request (which a client library would refuse to build) and returns the raw answer. */
    private String raw(String requestLine) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", api.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
