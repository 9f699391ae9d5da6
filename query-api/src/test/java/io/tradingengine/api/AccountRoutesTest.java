package io.tradingengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingengine.api.support.Fixtures;
import io.tradingengine.api.support.TestApi;
import io.tradingengine.avro.Assessment;
import io.tradingengine.avro.AssessmentStatus;
import io.tradingengine.avro.DrawdownMode;
import io.tradingengine.avro.internal.AssessmentState;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountRoutesTest {

    private static final String CREATE = "{\"assessmentId\":\"A7\",\"userId\":\"alice\",\"startingBalance\":\"100000\","
            + "\"rules\":{\"maxDrawdownPercent\":\"10\",\"drawdownMode\":\"trailing\",\"dailyLossPercent\":5,"
            + "\"maxLeverage\":\"2\",\"dailyResetTime\":\"17:00\",\"dailyResetZone\":\"America/New_York\"}}";

    private TestApi api;
    private String admin;
    private String alice;

    @BeforeEach
    void start() {
        api = TestApi.start();
        admin = TestApi.token("root", "admin");
        alice = TestApi.token("alice", "trader");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void shouldCreateTheAssessmentAndAnswer201OnceTheStoreShowsIt() {
        api.commands.onAssessment(assessment -> api.queries.put(stateOf(assessment)));

        HttpResponse<String> response = api.post("/assessments", admin, CREATE);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.headers().firstValue("Location")).hasValue("/assessments/A7");
        JsonNode body = api.json(response);
        assertThat(body.get("assessmentId").asText()).isEqualTo("A7");
        assertThat(body.get("userId").asText()).isEqualTo("alice");
        assertThat(body.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(body.get("balance").asText()).isEqualTo("100000");
        assertThat(body.get("equity").asText()).isEqualTo("100000");
        assertThat(body.get("drawdown").asText()).isEqualTo("0");
        JsonNode rules = body.get("rules");
        assertThat(rules.get("maxDrawdownPercent").asText()).isEqualTo("10");
        assertThat(rules.get("drawdownMode").asText()).isEqualTo("trailing");
        assertThat(rules.get("dailyLossPercent").asText()).isEqualTo("5");
        assertThat(rules.get("profitTargetPercent").isNull()).isTrue();
        assertThat(rules.get("dailyResetTime").asText()).isEqualTo("17:00");
        assertThat(rules.get("dailyResetZone").asText()).isEqualTo("America/New_York");
    }

    @Test
    void shouldPublishTheAssessmentRecordWithWireScaleDecimals() {
        api.post("/assessments", admin, CREATE);

        Assessment sent = api.commands.assessments().get(0).value();
        assertThat(sent.getAssessmentId()).isEqualTo("A7");
        assertThat(sent.getStartingBalance().scale()).isEqualTo(18);
        assertThat(sent.getRules().getDrawdownMode()).isEqualTo(DrawdownMode.TRAILING);
        assertThat(sent.getRules().getMaxLeverage()).isEqualByComparingTo("2");
        assertThat(sent.getRules().getDailyLossPercent().scale()).isEqualTo(18);
    }

    @Test
    void shouldGenerateAnAssessmentIdWhenNoneIsGiven() {
        api.post("/assessments", admin, "{\"userId\":\"alice\",\"startingBalance\":50000}");

        Assessment sent = api.commands.assessments().get(0).value();
        assertThat(sent.getAssessmentId()).matches("[0-9a-f-]{36}");
        assertThat(sent.getRules().getDrawdownMode()).isEqualTo(DrawdownMode.STATIC);
        assertThat(sent.getRules().getDailyResetZone()).isEqualTo("UTC");
        assertThat(sent.getRules().getDailyResetTime()).isEqualTo("00:00");
    }

    @Test
    void shouldAnswer202WhenTheStoreDoesNotShowTheAssessmentInTime() {
        HttpResponse<String> response = api.post("/assessments", admin, CREATE);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("Location")).hasValue("/assessments/A7");
        assertThat(api.json(response).get("status").asText()).isEqualTo("PENDING");
    }

    @Test
    void shouldAnswer503WhenKafkaDoesNotTakeTheAssessment() {
        api.commands.failAssessments();

        HttpResponse<String> response = api.post("/assessments", admin, CREATE);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void shouldRejectBadRules() {
        assertBadRequest(CREATE.replace("trailing", "sometimes"), "rules.drawdownMode");
        assertBadRequest(CREATE.replace("17:00", "25:00"), "rules.dailyResetTime");
        assertBadRequest(CREATE.replace("America/New_York", "Mars/Olympus"), "rules.dailyResetZone");
        assertBadRequest(CREATE.replace("\"maxDrawdownPercent\":\"10\"", "\"maxDrawdownPercent\":\"-1\""),
                "rules.maxDrawdownPercent");
        assertBadRequest(CREATE.replace("\"maxLeverage\":\"2\"", "\"maxLeverage\":0"), "rules.maxLeverage");
        assertBadRequest(CREATE.replace("\"maxLeverage\"", "\"leverage\""), "rules.leverage");
    }

    @Test
    void shouldRejectBadAssessmentFields() {
        assertBadRequest("{\"startingBalance\":\"100\"}", "userId");
        assertBadRequest("{\"userId\":\"alice\"}", "startingBalance");
        assertBadRequest("{\"userId\":\"alice\",\"startingBalance\":\"0\"}", "startingBalance");
        assertBadRequest("{\"userId\":\"alice\",\"startingBalance\":\"1\",\"assessmentId\":\"a/b\"}",
                "assessmentId");
        assertBadRequest("{\"userId\":\"alice\",\"startingBalance\":\"1\",\"extra\":1}", "extra");
        assertBadRequest("{\"userId\":\"alice\",\"startingBalance\":\"1\",\"rules\":[]}", "rules");
    }

    @Test
    void shouldValueTheAssessmentAtTheMidOfItsMarkets() {
        // Balance 99935 after a 65 fee; 1 BTC long from 65000, marked at the mid 66000: +1000 unrealized.
        api.queries.put(Fixtures.assessment("A1", "alice", "99935", "101500", "102000"));
        api.queries.put(Fixtures.position("A1", "BTC/USD", "1", "65000"));
        api.queries.put(Fixtures.tick("BTC/USD", "65990", "66010", "65000"));

        JsonNode body = api.json(api.get("/assessments/A1", alice));

        assertThat(body.get("startingBalance").asText()).isEqualTo("100000");
        assertThat(body.get("balance").asText()).isEqualTo("99935");
        assertThat(body.get("equity").asText()).isEqualTo("100935");
        assertThat(body.get("peakEquity").asText()).isEqualTo("101500");
        assertThat(body.get("dailyLoss").asText()).isEqualTo("1065");
        // Static drawdown is measured from the starting balance, which equity is above.
        assertThat(body.get("drawdown").asText()).isEqualTo("0");
        assertThat(body.get("reason").isNull()).isTrue();
        assertThat(body.get("createdAt").asText()).isEqualTo("2025-01-02T03:04:05Z");
    }

    @Test
    void shouldMeasureTrailingDrawdownFromThePeakEquity() {
        AssessmentState trailing = Fixtures.assessment("A2", "alice", "100000", "104000", "100000");
        trailing.setRules(Fixtures.rules(DrawdownMode.TRAILING));
        api.queries.put(trailing);

        JsonNode body = api.json(api.get("/assessments/A2", alice));

        assertThat(body.get("drawdown").asText()).isEqualTo("4000");
        assertThat(body.get("dailyLoss").asText()).isEqualTo("0");
    }

    @Test
    void shouldListPositionsWithMarkAndUnrealizedPnl() {
        api.queries.put(Fixtures.assessment("A1", "alice", "99935", "100000", "100000"));
        api.queries.put(Fixtures.position("A1", "BTC/USD", "1", "65000"));
        api.queries.put(Fixtures.position("A1", "ETH/USD", "-2", "3000"));
        api.queries.put(Fixtures.position("A2", "ETH/USD", "5", "1"));
        api.queries.put(Fixtures.tick("BTC/USD", "65990", "66010", null));
        api.queries.put(Fixtures.tick("ETH/USD", null, null, "3100.5"));

        HttpResponse<String> response = api.get("/positions?assessmentId=A1", alice);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = api.json(response);
        assertThat(body.get("assessmentId").asText()).isEqualTo("A1");
        assertThat(body.get("balance").asText()).isEqualTo("99935");
        // +1000 on BTC, -201 on ETH (short 2 from 3000, marked at last 3100.5)
        assertThat(body.get("equity").asText()).isEqualTo("100734");
        JsonNode positions = body.get("positions");
        assertThat(positions).hasSize(2);
        JsonNode btc = positions.get(0);
        assertThat(btc.get("market").asText()).isEqualTo("BTC/USD");
        assertThat(btc.get("assetClass").asText()).isEqualTo("CRYPTO");
        assertThat(btc.get("quantity").asText()).isEqualTo("1");
        assertThat(btc.get("averageEntryPrice").asText()).isEqualTo("65000");
        assertThat(btc.get("markPrice").asText()).isEqualTo("66000");
        assertThat(btc.get("unrealizedPnl").asText()).isEqualTo("1000");
        assertThat(btc.get("realizedPnl").asText()).isEqualTo("0");
        assertThat(btc.get("fees").asText()).isEqualTo("65");
        JsonNode eth = positions.get(1);
        assertThat(eth.get("quantity").asText()).isEqualTo("-2");
        assertThat(eth.get("markPrice").asText()).isEqualTo("3100.5");
        assertThat(eth.get("unrealizedPnl").asText()).isEqualTo("-201");
    }

    @Test
    void shouldShowAPositionWithoutPriceAtZeroUnrealizedPnl() {
        api.queries.put(Fixtures.assessment("A1", "alice", "1000", "1000", "1000"));
        api.queries.put(Fixtures.position("A1", "kalshi:X", "10", "0.4"));

        JsonNode position = api.json(api.get("/positions?assessmentId=A1", alice)).get("positions").get(0);

        assertThat(position.get("markPrice").isNull()).isTrue();
        assertThat(position.get("unrealizedPnl").asText()).isEqualTo("0");
    }

    @Test
    void shouldRequireTheAssessmentIdOfPositions() {
        HttpResponse<String> response = api.get("/positions", alice);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(api.json(response).get("field").asText()).isEqualTo("assessmentId");
    }

    @Test
    void shouldAnswer404ForAnUnknownAssessment() {
        assertThat(api.get("/assessments/nope", alice).statusCode()).isEqualTo(404);
        assertThat(api.get("/positions?assessmentId=nope", alice).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldAnswer503WithRetryAfterWhileTheStoresCannotAnswer() {
        api.queries.makeUnavailable("assessment A1 is served by other-host:8080");

        HttpResponse<String> response = api.get("/assessments/A1", alice);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        // Where the state lives and why it cannot answer stay in the log: no internal address reaches the caller.
        assertThat(api.json(response).get("message").asText()).contains("A1").doesNotContain("other-host");
    }

    private void assertBadRequest(String body, String field) {
        HttpResponse<String> response = api.post("/assessments", admin, body);
        assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(400);
        assertThat(api.json(response).get("field").asText()).isEqualTo(field);
    }

    /** What the topology would store for a new assessment. */
    private static AssessmentState stateOf(Assessment assessment) {
        return AssessmentState.newBuilder()
                .setAssessmentId(assessment.getAssessmentId())
                .setUserId(assessment.getUserId())
                .setStatus(AssessmentStatus.ACTIVE)
                .setStartingBalance(assessment.getStartingBalance())
                .setBalance(assessment.getStartingBalance())
                .setPeakEquity(assessment.getStartingBalance())
                .setDayStartEquity(assessment.getStartingBalance())
                .setReason(null)
                .setRules(assessment.getRules())
                .setCreatedAt(assessment.getCreatedAt())
                .setUpdatedAt(assessment.getCreatedAt())
                .build();
    }
}
