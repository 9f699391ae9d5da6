package io.tradingengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingengine.api.orders.OrderIds;
import io.tradingengine.api.orders.OrderOutcome;
import io.tradingengine.api.support.Fixtures;
import io.tradingengine.api.support.Ports;
import io.tradingengine.api.support.TestApi;
import io.tradingengine.avro.AssetClass;
import io.tradingengine.avro.Order;
import io.tradingengine.avro.OrderResult;
import io.tradingengine.embedded.EmbeddedRedis;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/**
 * {@code Idempotency-Key} and the order rate limit with a real Redis, and with a Redis that cannot be reached (a
 * client pointed at a dead port): the key's promise (same order, same result, 409 for another body) holds either
 * way, and Redis being down never fails an order.
 */
class IdempotencyIT {

    private static final String ORDER = "{\"assessmentId\":\"A1\",\"market\":\"BTC/USD\",\"side\":\"long\","
            + "\"quantity\":\"0.5\"}";
    private static final String OTHER_ORDER = ORDER.replace("0.5", "2");

    private static EmbeddedRedis redis;

    private final String user = "u-" + UUID.randomUUID();
    private final String token = TestApi.token(user, "trader");
    private JedisPooled client;
    private TestApi api;
    private TestApi second;

    @BeforeAll
    static void startRedis() {
        redis = EmbeddedRedis.start(0);
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
        if (second != null) {
            second.close();
        }
        if (client != null) {
            client.close();
        }
    }

    private TestApi start(int redisPort, ApiConfig config) {
        if (client == null) {
            client = new JedisPooled(new HostAndPort("127.0.0.1", redisPort),
                    DefaultJedisClientConfig.builder().timeoutMillis(200).build());
        }
        TestApi started = TestApi.builder().config(config).redis(client).start();
        started.queries.put(Fixtures.assessment("A1", user, "100000", "100000", "100000"));
        started.queries.put(Fixtures.market("BTC/USD", AssetClass.CRYPTO));
        // As the topology: an order id seen before gets its first result again, never a second fill.
        started.commands.answerOrders(new FirstResultPerOrderId(order -> OrderOutcome.decided(Fixtures.filled(
                order.getOrderId(), order.getAssessmentId(), order.getUserId(), order.getMarket(), order.getSide(),
                order.getQuantity().toPlainString(), "65000", "32.5"))));
        return started;
    }

    private static ApiConfig config() {
        return ApiConfig.of(TestApi.SECRET).withOrderWaitTimeout(Duration.ofMillis(300));
    }

    @Test
    void shouldReplayTheStoredAnswerForTheSameKeyAndBodyWithoutSendingAgain() {
        api = start(redis.port(), config());

        HttpResponse<String> first = api.postWithKey("/orders", token, "k-1", ORDER);
        HttpResponse<String> again = api.postWithKey("/orders", token, "k-1", ORDER.replace("\"0.5\"", "0.50"));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(again.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(api.commands.orders()).hasSize(1);
        assertThat(api.json(first).get("orderId").asText()).isEqualTo(OrderIds.fromIdempotencyKey(user, "k-1"));
    }

    @Test
    void shouldAnswer409ForTheSameKeyWithAnotherBodyEvenBeforeTheFirstIsDecided() {
        api = start(redis.port(), config());
        api.commands.answerOrders(order -> OrderOutcome.pending());

        HttpResponse<String> first = api.postWithKey("/orders", token, "k-2", ORDER);
        HttpResponse<String> other = api.postWithKey("/orders", token, "k-2", OTHER_ORDER);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(api.json(other).get("error").asText()).isEqualTo("CONFLICT");
        assertThat(api.commands.orders()).hasSize(1);
    }

    @Test
    void shouldSendARepeatAgainUnderTheSameOrderIdWhileTheFirstIsUndecided() {
        api = start(redis.port(), config());
        api.commands.answerOrders(order -> OrderOutcome.pending());

        api.postWithKey("/orders", token, "k-3", ORDER);
        HttpResponse<String> repeat = api.postWithKey("/orders", token, "k-3", ORDER);

        assertThat(repeat.statusCode()).isEqualTo(202);
        assertThat(api.commands.orders()).hasSize(2);
        assertThat(api.commands.orders().get(1).value().getOrderId())
                .isEqualTo(api.commands.orders().get(0).value().getOrderId());
    }

    @Test
    void shouldScopeKeysByUser() {
        api = start(redis.port(), config());
        api.queries.put(Fixtures.assessment("A2", "other-" + user, "100000", "100000", "100000"));
        String otherToken = TestApi.token("other-" + user, "trader");

        assertThat(api.postWithKey("/orders", token, "shared", ORDER).statusCode()).isEqualTo(201);
        HttpResponse<String> other = api.postWithKey("/orders", otherToken, "shared", OTHER_ORDER.replace("A1", "A2"));

        assertThat(other.statusCode()).as(other.body()).isEqualTo(201);
        assertThat(api.commands.orders()).extracting(sent -> sent.value().getOrderId()).doesNotHaveDuplicates();
    }

    @Test
    void shouldHoldTheRateLimitAcrossInstancesThroughRedis() {
        ApiConfig limited = config().withOrderRateLimit(1, 2);
        api = start(redis.port(), limited);
        second = start(redis.port(), limited);

        int one = api.post("/orders", token, ORDER).statusCode();
        int two = second.post("/orders", token, ORDER).statusCode();
        HttpResponse<String> three = api.post("/orders", token, ORDER);

        assertThat(one).isEqualTo(201);
        assertThat(two).isEqualTo(201);
        assertThat(three.statusCode()).isEqualTo(429);
        assertThat(three.headers().firstValue("Retry-After")).hasValue("1");
    }

    @Test
    void shouldTakeOrdersAndKeepTheKeysPromiseWhenRedisIsDown() {
        api = start(Ports.free(), config());

        HttpResponse<String> first = api.postWithKey("/orders", token, "k-4", ORDER);
        HttpResponse<String> again = api.postWithKey("/orders", token, "k-4", ORDER);
        HttpResponse<String> other = api.postWithKey("/orders", token, "k-4", OTHER_ORDER);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        // Without Redis the repeat goes to Kafka under the same order id, and the first result comes back.
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(api.json(again).get("tradeId").asText()).isEqualTo(api.json(first).get("tradeId").asText());
        assertThat(api.commands.orders()).extracting(sent -> sent.value().getOrderId())
                .containsOnly(OrderIds.fromIdempotencyKey(user, "k-4"));
        // The first order's result does not match the other body.
        assertThat(other.statusCode()).isEqualTo(409);
    }

    @Test
    void shouldOpenTheCircuitBreakerAndKeepTakingOrdersWhenRedisIsDown() {
        api = start(Ports.free(), config().withOrderRateLimit(1_000, 1_000));

        for (int i = 0; i < 12; i++) {
            HttpResponse<String> response = api.postWithKey("/orders", token, "many-" + i, ORDER);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        }

        String metrics = api.get("/metrics", null).body();
        assertThat(metrics).contains("resilience4j_circuitbreaker_state{name=\"redis\",state=\"open\"} 1.0");
        assertThat(metrics).contains("resilience4j_circuitbreaker_calls_seconds_count{kind=\"failed\",name=\"redis\"}");
    }

    @Test
    void shouldFallBackToALimitPerInstanceWhenRedisIsDown() {
        api = start(Ports.free(), config().withOrderRateLimit(1, 2));

        api.post("/orders", token, ORDER);
        api.post("/orders", token, ORDER);

        assertThat(api.post("/orders", token, ORDER).statusCode()).isEqualTo(429);
    }

    @Test
    void shouldCarryOnWhenRedisGoesAwayMidway() {
        EmbeddedRedis shortLived = EmbeddedRedis.start(0);
        api = start(shortLived.port(), config());
        assertThat(api.postWithKey("/orders", token, "k-5", ORDER).statusCode()).isEqualTo(201);

        shortLived.close();

        assertThat(api.postWithKey("/orders", token, "k-6", ORDER).statusCode()).isEqualTo(201);
        assertThat(api.postWithKey("/orders", token, "k-5", ORDER).statusCode()).isEqualTo(201);
        assertThat(api.postWithKey("/orders", token, "k-5", OTHER_ORDER).statusCode()).isEqualTo(409);
    }

    /** Answers each order id with the answer given the first time it was seen. */
    private static final class FirstResultPerOrderId implements Function<Order, OrderOutcome> {

        private final Function<Order, OrderOutcome> first;
        private final Map<String, OrderResult> seen = new ConcurrentHashMap<>();

        FirstResultPerOrderId(Function<Order, OrderOutcome> first) {
            this.first = first;
        }

        @Override
        public OrderOutcome apply(Order order) {
            return OrderOutcome.decided(seen.computeIfAbsent(order.getOrderId(),
                    id -> first.apply(order).result()));
        }
    }
}
