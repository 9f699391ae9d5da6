package io.tradingengine.ingest.coingecko;

import static io.tradingengine.ingest.coingecko.CryptoFakes.PRICE_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingengine.avro.AssetClass;
import io.tradingengine.avro.MarketStatus;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.ingest.ConnectorState;
import io.tradingengine.ingest.IngestSettings;
import io.tradingengine.ingest.source.ErrorKind;
import io.tradingengine.ingest.support.Await;
import io.tradingengine.ingest.support.CapturingPublisher;
import io.tradingengine.ingest.support.FakeHttpServer.Request;
import io.tradingengine.ingest.support.FakeHttpServer.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoingeckoConnectorTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CapturingPublisher published = new CapturingPublisher(meters);
    private final CryptoFakes fakes = new CryptoFakes();
    private CoingeckoConnector connector;

    @AfterEach
    void stopAll() {
        if (connector != null) {
            connector.stop();
        }
        fakes.close();
    }

    private void start(Map<String, String> overrides) {
        Map<String, String> env = fakes.env();
        env.putAll(overrides);
        connector = new CoingeckoConnector(IngestSettings.fromEnvironment(env), published.publisher(), meters,
                Clock.systemUTC());
        connector.start();
    }

    @Test
    void shouldListThePairsAndPublishTheLastPriceAtTheVendorsUpdateTime() {
        start(Map.of());

        Await.until("ticks for both pairs", () -> published.lastTick("BTC/USD") != null
                && published.lastTick("ETH/USD") != null);
        PriceTick btc = published.lastTick("BTC/USD");
        assertThat(btc.getLast()).isEqualByComparingTo("76975");
        assertThat(btc.getBid()).isNull();
        assertThat(btc.getSource()).isEqualTo("coingecko");
        assertThat(btc.getTimestamp()).isEqualTo(Instant.ofEpochSecond(1779092258L));
        assertThat(published.lastTick("ETH/USD").getLast()).isEqualByComparingTo("2456.18");
        assertThat(published.markets()).extracting(market -> market.getMarket())
                .containsExactlyInAnyOrder("BTC/USD", "ETH/USD");
        assertThat(published.markets()).allMatch(market -> market.getStatus() == MarketStatus.OPEN
                && market.getAssetClass() == AssetClass.CRYPTO);
        Request request = fakes.coingecko.requests(PRICE_PATH).get(0);
        assertThat(request.params("ids")).containsExactly("bitcoin,ethereum");
        assertThat(request.params("vs_currencies")).containsExactly("usd");
        assertThat(request.params("include_last_updated_at")).containsExactly("true");
        assertThat(request.header("x-cg-demo-api-key")).isNull();
        assertThat(request.header("x-cg-pro-api-key")).isNull();
    }

    @Test
    void shouldSendADemoKeyInTheDemoHeader() {
        start(Map.of(IngestSettings.COINGECKO_API_KEY, "CG-demo-key"));

        Await.until("a request", () -> fakes.coingecko.count(PRICE_PATH) >= 1);
        Request request = fakes.coingecko.requests(PRICE_PATH).get(0);
        assertThat(request.header("x-cg-demo-api-key")).isEqualTo("CG-demo-key");
        assertThat(request.header("x-cg-pro-api-key")).isNull();
    }

    @Test
    void shouldSendAProKeyInTheProHeader() {
        start(Map.of(IngestSettings.COINGECKO_API_KEY, "CG-pro-key", IngestSettings.COINGECKO_API_PLAN, "pro"));

        Await.until("a request", () -> fakes.coingecko.count(PRICE_PATH) >= 1);
        Request request = fakes.coingecko.requests(PRICE_PATH).get(0);
        assertThat(request.header("x-cg-pro-api-key")).isEqualTo("CG-pro-key");
        assertThat(request.header("x-cg-demo-api-key")).isNull();
    }

    @Test
    void shouldHonourRetryAfterOnA429AndThenCarryOn() {
        AtomicInteger calls = new AtomicInteger();
        fakes.coingecko.route(PRICE_PATH, request -> calls.incrementAndGet() == 1
                ? Response.json(429, CryptoFakes.RATE_LIMITED).withHeader("Retry-After", "1")
                : Response.json(CryptoFakes.PRICES));

        start(Map.of());

        Await.until("a tick after the 429", () -> published.lastTick("BTC/USD") != null);
        List<Request> requests = fakes.coingecko.requests(PRICE_PATH);
        Duration gap = Duration.ofNanos(requests.get(1).nanos() - requests.get(0).nanos());
        assertThat(gap).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(connector.monitor().errors(ErrorKind.RATE_LIMITED)).isEqualTo(1);
        Await.until("the rate-limit note cleared", () -> connector.health().state() == ConnectorState.RUNNING);
    }

    @Test
    void shouldBackOffOnA429WithoutRetryAfter() {
        AtomicInteger calls = new AtomicInteger();
        fakes.coingecko.route(PRICE_PATH, request -> calls.incrementAndGet() <= 3
                ? Response.json(429, CryptoFakes.RATE_LIMITED) : Response.json(CryptoFakes.PRICES));

        start(Map.of(IngestSettings.INGEST_BREAKER_WINDOW, "10"));

        Await.until("a tick after the 429s", () -> published.lastTick("BTC/USD") != null);
        List<Request> requests = fakes.coingecko.requests(PRICE_PATH);
        Duration first = Duration.ofNanos(requests.get(1).nanos() - requests.get(0).nanos());
        Duration third = Duration.ofNanos(requests.get(3).nanos() - requests.get(2).nanos());
        // Doubling from the 50 ms poll interval, jittered by half: the third wait is at least 100 ms.
        assertThat(third).isGreaterThan(first).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void shouldRetryAServerErrorWithinThePoll() {
        AtomicInteger calls = new AtomicInteger();
        fakes.coingecko.route(PRICE_PATH, request -> calls.incrementAndGet() == 1
                ? Response.json(500, "{\"error\":\"Internal server error\"}") : Response.json(CryptoFakes.PRICES));

        start(Map.of());

        Await.until("a tick", () -> published.lastTick("BTC/USD") != null);
        assertThat(connector.monitor().errors(ErrorKind.SERVER_ERROR)).isEqualTo(1);
        assertThat(connector.breaker().getState().name()).isEqualTo("CLOSED");
    }

    @Test
    void shouldCountHtmlPagesDroppedConnectionsTimeoutsAndErrorBodiesWithoutStopping() {
        AtomicInteger calls = new AtomicInteger();
        List<Response> script = List.of(
                Response.html(200, "<!DOCTYPE html><html><body>Just a moment...</body></html>"),
                // The first drop hits a pooled connection, which the JDK client retries once on a fresh one.
                Response.drop(),
                Response.drop(),
                Response.hang(),
                Response.truncated(),
                Response.json(CryptoFakes.RATE_LIMITED),
                Response.json("{\"error\":\"Missing parameter vs_currencies\"}"),
                Response.json("[1,2"));
        fakes.coingecko.route(PRICE_PATH, request -> {
            int call = calls.getAndIncrement();
            return call < script.size() ? script.get(call) : Response.json(CryptoFakes.PRICES);
        });

        start(Map.of(IngestSettings.INGEST_HTTP_TIMEOUT, "300ms", IngestSettings.INGEST_RETRY_MAX_ATTEMPTS, "1",
                IngestSettings.INGEST_BREAKER_WINDOW, "20"));

        Await.until("a tick after the failures", () -> published.lastTick("BTC/USD") != null);
        assertThat(connector.monitor().errors(ErrorKind.HTML_ERROR_PAGE)).isEqualTo(1);
        assertThat(connector.monitor().errors(ErrorKind.CONNECTION)).isEqualTo(1);
        assertThat(connector.monitor().errors(ErrorKind.TIMEOUT)).isEqualTo(2);
        assertThat(connector.monitor().errors(ErrorKind.RATE_LIMITED)).isEqualTo(1);
        assertThat(connector.monitor().errors(ErrorKind.API_ERROR)).isEqualTo(1);
        assertThat(connector.monitor().errors(ErrorKind.MALFORMED)).isEqualTo(1);
        assertThat(published.ticks()).allMatch(tick -> tick.getLast().signum() > 0);
    }

    @Test
    void shouldCountAnUnknownCoinAndPublishTheOthers() {
        start(Map.of(IngestSettings.COINGECKO_IDS, "bitcoin:BTC/USD,not-a-coin:NOPE/USD"));

        Await.until("the bitcoin tick", () -> published.lastTick("BTC/USD") != null);
        Await.until("the unknown coin counted", () -> connector.monitor().errors(ErrorKind.API_ERROR) >= 1);
        assertThat(published.lastTick("NOPE/USD")).isNull();
    }
}
