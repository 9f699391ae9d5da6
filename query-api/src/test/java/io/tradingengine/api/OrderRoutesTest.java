package io.tradingengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingengine.api.orders.OrderIds;
import io.tradingengine.api.orders.OrderOutcome;
import io.tradingengine.api.support.Fixtures;
import io.tradingengine.api.support.TestApi;
import io.tradingengine.avro.AssetClass;
import io.tradingengine.avro.Order;
import io.tradingengine.avro.Side;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderRoutesTest {

    private static final String ORDER = "{\"assessmentId\":\"A1\",\"market\":\"BTC/USD\",\"side\":\"long\","
            + "\"quantity\":\"0.5\"}";

    private TestApi api;
    private String alice;

    @BeforeEach
    void start() {
        api = TestApi.start();
        alice = TestApi.token("alice", "trader");
        api.queries.put(Fixtures.assessment("A1", "alice", "100000", "100000", "100000"));
        api.queries.put(Fixtures.assessment("B1", "bob", "100000", "100000", "100000"));
        api.queries.put(Fixtures.market("BTC/USD", AssetClass.CRYPTO));
        api.queries.put(Fixtures.market("XYZ/USD", AssetClass.CRYPTO));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void shouldAnswer201WithTheFillWhenTheOrderIsFilled() {
        api.commands.answerOrders(order -> OrderOutcome.decided(Fixtures.filled(order.getOrderId(), "A1", "alice",
                "BTC/USD", Side.LONG, "0.5", "65065.0", "32.5325")));

        HttpResponse<String> response = api.post("/orders", alice, ORDER);

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = api.json(response);
        String orderId = body.get("orderId").asText();
        assertThat(response.headers().firstValue("Location")).hasValue("/orders/" + orderId);
        assertThat(body.get("status").asText()).isEqualTo("FILLED");
        assertThat(body.get("fillPrice").isTextual()).isTrue();
        assertThat(body.get("fillPrice").asText()).isEqualTo("65065");
        assertThat(body.get("fee").asText()).isEqualTo("32.5325");
        assertThat(body.get("quantity").asText()).isEqualTo("0.5");
        assertThat(body.get("side").asText()).isEqualTo("long");
        assertThat(body.get("tradeId").asText()).isEqualTo("trade-" + orderId);
    }

    @Test
    void shouldSendTheOrderOfTheCallerWithTheRequestsCorrelationId() {
        HttpResponse<String> response = api.send(api.request("/orders", alice)
                .header("X-Correlation-ID", "corr-1").POST(HttpRequest.BodyPublishers.ofString(ORDER)));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(api.commands.orders()).hasSize(1);
        Order sent = api.commands.orders().get(0).value();
        assertThat(api.commands.orders().get(0).correlationId()).isEqualTo("corr-1");
        assertThat(sent.getUserId()).isEqualTo("alice");
        assertThat(sent.getAssessmentId()).isEqualTo("A1");
        assertThat(sent.getMarket()).isEqualTo("BTC/USD");
        assertThat(sent.getSide()).isEqualTo(Side.LONG);
        assertThat(sent.getQuantity()).isEqualTo(new BigDecimal("0.500000000000000000"));
        assertThat(sent.getOrderId()).matches("[0-9a-f-]{36}");
    }

    @Test
    void shouldAnswer422WithReasonAndDetailWhenTheOrderIsRejected() {
        api.commands.answerOrders(order -> OrderOutcome.decided(Fixtures.rejected(order.getOrderId(), "A1", "alice",
                "MARKET_NOT_OPEN", "market XYZ/USD is HALTED")));

        HttpResponse<String> response = api.post("/orders", alice,
                "{\"assessmentId\":\"A1\",\"market\":\"XYZ/USD\",\"side\":\"short\",\"quantity\":1}");

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode body = api.json(response);
        assertThat(body.get("status").asText()).isEqualTo("REJECTED");
        assertThat(body.get("reason").asText()).isEqualTo("MARKET_NOT_OPEN");
        assertThat(body.get("detail").asText()).isEqualTo("market XYZ/USD is HALTED");
    }

    @Test
    void shouldAnswer202WithLocationWhenTheResultIsLate() {
        api.commands.answerOrders(order -> OrderOutcome.pending());

        HttpResponse<String> response = api.post("/orders", alice, ORDER);

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = api.json(response);
        assertThat(body.get("status").asText()).isEqualTo("PENDING");
        assertThat(response.headers().firstValue("Location")).hasValue("/orders/" + body.get("orderId").asText());
    }

    @Test
    void shouldAnswerWithTheStoredResultWhenItArrivedBeforeTheWaiterListened() {
        api.commands.answerOrders(order -> {
            api.queries.put(Fixtures.filled(order.getOrderId(), "A1", "alice", "BTC/USD", Side.LONG, "0.5", "1",
                    "0"));
            return OrderOutcome.pending();
        });

        assertThat(api.post("/orders", alice, ORDER).statusCode()).isEqualTo(201);
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenKafkaDoesNotTakeTheOrder() {
        api.commands.answerOrders(order -> OrderOutcome.notAccepted("Kafka did not acknowledge the order in time"));

        HttpResponse<String> response = api.post("/orders", alice, ORDER);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(api.json(response).get("error").asText()).isEqualTo("UNAVAILABLE");
    }

    @Test
    void shouldDeriveTheSameOrderIdFromTheSameIdempotencyKey() {
        api.send(api.request("/orders", alice).header("Idempotency-Key", "k-1")
                .POST(HttpRequest.BodyPublishers.ofString(ORDER)));
        api.send(api.request("/orders", alice).header("Idempotency-Key", "k-1")
                .POST(HttpRequest.BodyPublishers.ofString(ORDER)));
        api.send(api.request("/orders", TestApi.token("bob", "trader")).header("Idempotency-Key", "k-1")
                .POST(HttpRequest.BodyPublishers.ofString(ORDER.replace("A1", "B1"))));

        String first = api.commands.orders().get(0).value().getOrderId();
        assertThat(first).isEqualTo(OrderIds.fromIdempotencyKey("alice", "k-1"));
        assertThat(api.commands.orders().get(1).value().getOrderId()).isEqualTo(first);
        assertThat(api.commands.orders().get(2).value().getOrderId()).isNotEqualTo(first);
    }

    @Test
    void shouldAnswer409WhenAnIdempotencyKeyIsReusedForAnotherOrder() {
        api.commands.answerOrders(order -> OrderOutcome.decided(Fixtures.filled(order.getOrderId(), "A1", "alice",
                "BTC/USD", Side.LONG, "0.5", "65065", "32")));

        HttpResponse<String> response = api.send(api.request("/orders", alice).header("Idempotency-Key", "k-2")
                .POST(HttpRequest.BodyPublishers.ofString(ORDER.replace("0.5", "2"))));

        assertThat(response.statusCode()).isEqualTo(409);
    }

    @Test
    void shouldAcceptTheQuantityAsANumber() {
        api.post("/orders", alice, "{\"assessmentId\":\"A1\",\"market\":\"BTC/USD\",\"side\":\"SHORT\","
                + "\"quantity\":0.25}");

        Order sent = api.commands.orders().get(0).value();
        assertThat(sent.getQuantity()).isEqualByComparingTo("0.25");
        assertThat(sent.getSide()).isEqualTo(Side.SHORT);
    }

    @Test
    void shouldRejectMalformedJson() {
        assertBadRequest(api.post("/orders", alice, "{\"assessmentId\":"), "body");
    }

    @Test
    void shouldRejectABodyThatIsNotAnObject() {
        assertBadRequest(api.post("/orders", alice, "[1,2]"), "body");
    }

    @Test
    void shouldRejectAMissingQuantityNamingIt() {
        assertBadRequest(api.post("/orders", alice,
                "{\"assessmentId\":\"A1\",\"market\":\"BTC/USD\",\"side\":\"long\"}"), "quantity");
    }

    @Test
    void shouldRejectANonPositiveQuantity() {
        assertBadRequest(api.post("/orders", alice, ORDER.replace("\"0.5\"", "\"0\"")), "quantity");
        assertBadRequest(api.post("/orders", alice, ORDER.replace("\"0.5\"", "-1")), "quantity");
    }

    @Test
    void shouldRejectAQuantityThatIsNotADecimal() {
        assertBadRequest(api.post("/orders", alice, ORDER.replace("\"0.5\"", "\"1e400\"")), "quantity");
        assertBadRequest(api.post("/orders", alice, ORDER.replace("\"0.5\"", "\"abc\"")), "quantity");
        assertBadRequest(api.post("/orders", alice, ORDER.replace("\"0.5\"", "true")), "quantity");
    }

    @Test
    void shouldRejectAQuantityWithMoreThan18DecimalPlaces() {
        assertBadRequest(api.post("/orders", alice, ORDER.replace("0.5", "0.0000000000000000001")), "quantity");
    }

    @Test
    void shouldRejectAnUnknownSide() {
        assertBadRequest(api.post("/orders", alice, ORDER.replace("long", "sideways")), "side");
    }

    @Test
    void shouldRejectUnknownFields() {
        assertBadRequest(api.post("/orders", alice, ORDER.replace("{", "{\"price\":\"1\",")), "price");
    }

    @Test
    void shouldRejectAnAssessmentIdWithASlash() {
        assertBadRequest(api.post("/orders", alice, ORDER.replace("A1", "A1/x")), "assessmentId");
    }

    @Test
    void shouldRejectDuplicateFields() {
        assertBadRequest(api.post("/orders", alice, ORDER.replace("{", "{\"side\":\"short\",")), "body");
    }

    @Test
    void shouldAnswer413WhenTheBodyIsTooLarge() {
        String padded = ORDER.replace("}", ",\"pad\":\"" + "x".repeat(70_000) + "\"}");

        HttpResponse<String> response = api.post("/orders", alice, padded);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(api.json(response).get("error").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(api.commands.orders()).isEmpty();
    }

    @Test
    void shouldReturnTheOwnersOrderResultFromTheRecentResults() {
        api.commands.remember(Fixtures.filled("o-1", "A1", "alice", "BTC/USD", Side.LONG, "1", "100", "0.1"));

        HttpResponse<String> response = api.get("/orders/o-1", alice);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(api.json(response).get("fillPrice").asText()).isEqualTo("100");
    }

    @Test
    void shouldReturnTheOrderResultFromTheStore() {
        api.queries.put(Fixtures.rejected("o-2", "A1", "alice", "NO_PRICE", "no price for BTC/USD"));

        HttpResponse<String> response = api.get("/orders/o-2", alice);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(api.json(response).get("reason").asText()).isEqualTo("NO_PRICE");
    }

    @Test
    void shouldAnswer404ForAnotherUsersOrder() {
        api.queries.put(Fixtures.rejected("o-3", "A1", "alice", "NO_PRICE", "no price"));

        assertThat(api.get("/orders/o-3", TestApi.token("mallory", "trader")).statusCode()).isEqualTo(404);
        assertThat(api.get("/orders/o-3", TestApi.token("root", "admin")).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswer404ForAnUnknownOrder() {
        assertThat(api.get("/orders/nope", alice).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldAnswer503WhenTheStoreCannotAnswer() {
        api.queries.makeUnavailable("rebalancing");

        HttpResponse<String> response = api.get("/orders/o-4", alice);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
    }

    @Test
    void shouldCountOrdersByOutcome() {
        api.commands.answerOrders(order -> OrderOutcome.decided(Fixtures.rejected(order.getOrderId(), "A1", "alice",
                "NO_PRICE", "none")));
        api.post("/orders", alice, ORDER);

        String metrics = api.get("/metrics", null).body();

        assertThat(metrics).contains("orders_submitted_total{outcome=\"rejected\",reason=\"no_price\"} 1.0");
    }

    @Test
    void shouldAnswer404WithoutSendingWhenTheAssessmentIsAnotherUsers() {
        HttpResponse<String> response = api.post("/orders", TestApi.token("mallory", "trader"), ORDER);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(api.json(response).get("error").asText()).isEqualTo("NOT_FOUND");
        assertThat(api.commands.orders()).isEmpty();
    }

    @Test
    void shouldAnswer404WithoutSendingWhenTheAssessmentDoesNotExist() {
        assertThat(api.post("/orders", alice, ORDER.replace("A1", "A-nope")).statusCode()).isEqualTo(404);
        assertThat(api.commands.orders()).isEmpty();
    }

    @Test
    void shouldRejectAnUnknownMarketWithoutSendingTheOrder() {
        HttpResponse<String> response = api.post("/orders", alice, ORDER.replace("BTC/USD", "DOGE/USD"));

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode body = api.json(response);
        assertThat(body.get("status").asText()).isEqualTo("REJECTED");
        assertThat(body.get("reason").asText()).isEqualTo("UNKNOWN_MARKET");
        assertThat(body.get("market").asText()).isEqualTo("DOGE/USD");
        assertThat(api.commands.orders()).isEmpty();
    }

    @Test
    void shouldRejectAnAdminsOrderOnAnotherUsersAssessmentAsNotOwner() {
        HttpResponse<String> response = api.post("/orders", TestApi.token("root", "admin"), ORDER);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(api.json(response).get("reason").asText()).isEqualTo("NOT_OWNER");
        assertThat(api.commands.orders()).isEmpty();
    }

    @Test
    void shouldAnswer503WhenTheAssessmentCannotBeCheckedNow() {
        api.queries.makeUnavailable("rebalancing");

        HttpResponse<String> response = api.post("/orders", alice, ORDER);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(api.commands.orders()).isEmpty();
    }

    @Test
    void shouldRejectAQuantityWithMoreThan20IntegerDigits() {
        assertBadRequest(api.post("/orders", alice, ORDER.replace("0.5", "123456789012345678901")), "quantity");
        assertBadRequest(api.post("/orders", alice, ORDER.replace("\"0.5\"", "1E+30")), "quantity");
    }

    @Test
    void shouldRejectAMalformedIdempotencyKey() {
        HttpResponse<String> response = api.send(api.request("/orders", alice).header("Idempotency-Key", "a b")
                .POST(HttpRequest.BodyPublishers.ofString(ORDER)));

        assertBadRequest(response, "Idempotency-Key");
    }

    @Test
    void shouldAnswer429WithRetryAfterOverTheCallersRateLimit() {
        try (TestApi limited = TestApi.start(ApiConfig.of(TestApi.SECRET).withOrderRateLimit(1, 2)
                .withOrderWaitTimeout(Duration.ofMillis(100)))) {
            limited.queries.put(Fixtures.assessment("A1", "alice", "100000", "100000", "100000"));
            limited.queries.put(Fixtures.market("BTC/USD", AssetClass.CRYPTO));

            int first = limited.post("/orders", alice, ORDER).statusCode();
            int second = limited.post("/orders", alice, ORDER).statusCode();
            HttpResponse<String> third = limited.post("/orders", alice, ORDER);
            int otherUser = limited.post("/orders", TestApi.token("bob", "trader"), ORDER).statusCode();

            assertThat(first).isEqualTo(202);
            assertThat(second).isEqualTo(202);
            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(third.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(limited.json(third).get("error").asText()).isEqualTo("TOO_MANY_REQUESTS");
            // Bob has his own bucket (and no such assessment).
            assertThat(otherUser).isEqualTo(404);
            assertThat(limited.commands.orders()).hasSize(2);
            assertThat(limited.get("/metrics", null).body())
                    .contains("orders_submitted_total{outcome=\"rate_limited\",reason=\"none\"} 1.0");
        }
    }

    private void assertBadRequest(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode body = api.json(response);
        assertThat(body.get("error").asText()).isEqualTo("BAD_REQUEST");
        assertThat(body.get("field").asText()).isEqualTo(field);
        assertThat(body.get("message").asText()).startsWith(field).doesNotContain("Exception");
    }
}
