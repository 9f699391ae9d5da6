package io.tradingengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingengine.api.http.Forwarder;
import io.tradingengine.api.orders.OrderOutcome;
import io.tradingengine.api.support.Fixtures;
import io.tradingengine.api.support.Ports;
import io.tradingengine.api.support.ScriptedLocator;
import io.tradingengine.api.support.TestApi;
import io.tradingengine.avro.AssetClass;
import io.tradingengine.avro.Side;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two API instances, "here" and "there", over in-memory stores and a scripted view of who holds which assessment:
 * reads of keys held elsewhere are forwarded with the caller's credentials, never twice, and fall back to a standby
 * within the lag bound or to 503.
 */
class ForwardingRoutesTest {

    private static final long MAX_LAG = 100;

    private HostInfo hereHost;
    private HostInfo thereHost;
    private ScriptedLocator hereLocator;
    private TestApi here;
    private TestApi there;
    private final String bob = TestApi.token("bob", "trader");
    private final String mallory = TestApi.token("mallory", "trader");

    @BeforeEach
    void start() {
        int herePort = Ports.free();
        int therePort = Ports.free();
        hereHost = new HostInfo("127.0.0.1", herePort);
        thereHost = new HostInfo("127.0.0.1", therePort);
        hereLocator = new ScriptedLocator(hereHost).others(thereHost);
        ScriptedLocator thereLocator = new ScriptedLocator(thereHost).others(hereHost);
        // B-1 lives there, with a standby here.
        hereLocator.place("B-1", thereHost, hereHost);
        thereLocator.place("B-1", thereHost, hereHost);
        here = TestApi.builder().config(config(herePort)).locator(hereLocator).port(herePort).start();
        there = TestApi.builder().config(config(therePort)).locator(thereLocator).port(therePort).start();
        there.queries.put(Fixtures.assessment("B-1", "bob", "99000", "100000", "100000"));
        there.queries.put(Fixtures.position("B-1", "BTC/USD", "1", "65000"));
        here.queries.put(Fixtures.market("BTC/USD", AssetClass.CRYPTO));
        // Here holds the standby copy of B-1: its active reads fail.
        here.queries.put(Fixtures.assessment("B-1", "bob", "98000", "100000", "100000"));
        here.queries.makeStandby(MAX_LAG + 1);
    }

    @AfterEach
    void stop() {
        here.close();
        there.close();
    }

    private static ApiConfig config(int port) {
        return ApiConfig.of(TestApi.SECRET)
                .withApplicationServer("127.0.0.1:" + port)
                .withMaxStandbyLag(MAX_LAG)
                .withForwardTimeout(Duration.ofMillis(500))
                .withOrderWaitTimeout(Duration.ofMillis(300));
    }

    @Test
    void shouldForwardAReadOfAnotherInstancesKeyAndRelayItsAnswer() {
        HttpResponse<String> response = here.get("/positions?assessmentId=B-1", bob);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(here.json(response).get("balance").asText()).isEqualTo("99000");
        assertThat(response.headers().firstValue(Forwarder.INSTANCE)).hasValue(describe(thereHost));
        assertThat(response.headers().firstValue(Forwarder.SERVED_BY)).hasValue("active");
        assertThat(here.get("/assessments/B-1", bob).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldForwardTheCallersCredentialsSoTheOwnerRuleHoldsThere() {
        assertThat(here.get("/positions?assessmentId=B-1", mallory).statusCode()).isEqualTo(404);
        assertThat(here.get("/assessments/B-1", null).statusCode()).isEqualTo(401);
        assertThat(here.get("/assessments/B-1", TestApi.token("root", "admin")).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldCarryTheCorrelationIdToTheOtherInstance() {
        HttpResponse<String> response = here.send(here.request("/assessments/B-1", mallory)
                .header("X-Correlation-ID", "fwd-1").GET());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(here.json(response).get("correlationId").asText()).isEqualTo("fwd-1");
    }

    @Test
    void shouldNeverForwardAForwardedRequest() {
        // "here" believes B-1 is "there"'s; a request already forwarded must be answered here or not at all.
        HttpResponse<String> response = here.send(here.request("/assessments/B-1", bob)
                .header(Forwarder.FORWARDED_BY, "127.0.0.1:1").GET());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(here.meters.find("api.store.reads").tag("served", "forwarded").counter()).isNull();
    }

    @Test
    void shouldAnswerFromTheLocalStandbyWhileTheOwnerIsDownAndTheLagIsWithinTheBound() {
        there.close();
        here.queries.makeStandby(MAX_LAG);

        HttpResponse<String> response = here.get("/assessments/B-1", bob);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue(Forwarder.SERVED_BY)).hasValue("standby");
        assertThat(response.headers().firstValue(Forwarder.INSTANCE)).hasValue(describe(hereHost));
        assertThat(here.json(response).get("balance").asText()).isEqualTo("98000");
    }

    @Test
    void shouldNotLetTheStandbyAnswerAnotherUsersAssessment() {
        there.close();
        here.queries.makeStandby(0L);

        assertThat(here.get("/assessments/B-1", mallory).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldAnswer503WhenTheOwnerIsDownAndTheStandbyIsTooFarBehind() {
        there.close();

        HttpResponse<String> response = here.get("/positions?assessmentId=B-1", bob);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(here.json(response).get("error").asText()).isEqualTo("UNAVAILABLE");
    }

    @Test
    void shouldAnswer503WhileNobodyKnowsWhereTheKeyLives() {
        hereLocator.forget();

        assertThat(here.get("/assessments/B-1", bob).statusCode()).isEqualTo(503);
    }

    @Test
    void shouldFindAnOrderOnTheInstanceThatHoldsIt() {
        there.queries.put(Fixtures.filled("o-9", "B-1", "bob", "BTC/USD", Side.LONG, "1", "100", "0.1"));

        HttpResponse<String> response = here.get("/orders/o-9", bob);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(here.json(response).get("fillPrice").asText()).isEqualTo("100");
        assertThat(here.get("/orders/o-9", mallory).statusCode()).isEqualTo(404);
        assertThat(here.get("/orders/o-9?assessmentId=B-1", bob).statusCode()).isEqualTo(200);
        assertThat(here.get("/orders/nope", bob).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldAnswer503ForAnOrderNotFoundWhileAnInstanceCannotBeAsked() {
        there.close();

        HttpResponse<String> response = here.get("/orders/o-9", bob);

        assertThat(response.statusCode()).isEqualTo(503);
    }

    @Test
    void shouldCheckTheOwnerOfAnOrdersAssessmentOnTheInstanceThatHoldsIt() {
        here.commands.answerOrders(order -> OrderOutcome.decided(Fixtures.filled(order.getOrderId(), "B-1", "bob",
                "BTC/USD", Side.LONG, "1", "100", "0.1")));
        String order = "{\"assessmentId\":\"B-1\",\"market\":\"BTC/USD\",\"side\":\"long\",\"quantity\":\"1\"}";

        HttpResponse<String> foreign = here.post("/orders", mallory, order);
        HttpResponse<String> own = here.post("/orders", bob, order);

        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(201);
        assertThat(here.commands.orders()).hasSize(1);
        assertThat(here.commands.orders().get(0).value().getUserId()).isEqualTo("bob");
    }

    @Test
    void shouldCountHowReadsWereServed() {
        here.get("/positions?assessmentId=B-1", bob);
        there.get("/positions?assessmentId=B-1", bob);

        assertThat(here.meters.get("api.store.reads").tag("served", "forwarded").counter().count()).isEqualTo(1);
        assertThat(there.meters.get("api.store.reads").tag("served", "active").counter().count()).isEqualTo(2);
    }

    private static String describe(HostInfo host) {
        return host.host() + ":" + host.port();
    }
}
