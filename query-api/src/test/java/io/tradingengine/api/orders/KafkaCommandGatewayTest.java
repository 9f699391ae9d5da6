package io.tradingengine.api.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingengine.api.support.Fixtures;
import io.tradingengine.avro.Assessment;
import io.tradingengine.avro.DrawdownMode;
import io.tradingengine.avro.Order;
import io.tradingengine.avro.Side;
import io.tradingengine.schemas.Topics;
import io.tradingengine.schemas.registry.InMemorySchemaStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real Kafka clients against an address where no broker listens: every wait must end in time. */
class KafkaCommandGatewayTest {

    private static final Duration WAIT = Duration.ofMillis(700);

    private KafkaCommandGateway gateway;

    @BeforeEach
    void start() throws IOException {
        gateway = KafkaCommandGateway.create(new Topics(new InMemorySchemaStore(), true),
                "127.0.0.1:" + closedPort(), WAIT, 100, new SimpleMeterRegistry());
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void shouldGiveUpOnAnOrderWithinTheWaitTimeWhenKafkaIsUnreachable() throws Exception {
        long start = System.nanoTime();

        OrderOutcome outcome = gateway.submitOrder(order(), "c-1", WAIT).get(5, TimeUnit.SECONDS);

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(outcome.kind()).isEqualTo(OrderOutcome.Kind.NOT_ACCEPTED);
        assertThat(outcome.detail()).contains("Kafka");
        assertThat(took).isLessThan(WAIT.plusMillis(1500));
    }

    @Test
    void shouldFailAnAssessmentWithinTheWaitTimeWhenKafkaIsUnreachable() {
        CompletableFuture<Void> sent = gateway.publishAssessment(assessment(), "c-2", WAIT);

        assertThat(sent).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class);
    }

    @Test
    void shouldNotBeReadyWithoutTheOrderResultsTopic() {
        assertThat(gateway.notReadyReason()).isPresent();
    }

    private static Order order() {
        return Order.newBuilder().setOrderId("o-1").setAssessmentId("A1").setUserId("alice").setMarket("BTC/USD")
                .setSide(Side.LONG).setQuantity(Fixtures.d("1")).setSubmittedAt(Fixtures.NOW).build();
    }

    private static Assessment assessment() {
        return Assessment.newBuilder().setAssessmentId("A1").setUserId("alice").setStartingBalance(Fixtures.d("1"))
                .setRules(Fixtures.rules(DrawdownMode.STATIC)).setCreatedAt(Fixtures.NOW).build();
    }

    /** A port nothing listens on: bound, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
