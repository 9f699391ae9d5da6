package io.tradingengine.ingest.coingecko;

import static io.tradingengine.ingest.coingecko.CryptoFakes.CMC_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.ingest.ConnectorState;
import io.tradingengine.ingest.IngestSettings;
import io.tradingengine.ingest.source.ErrorKind;
import io.tradingengine.ingest.support.Await;
import io.tradingengine.ingest.support.CapturingPublisher;
import io.tradingengine.ingest.support.FakeHttpServer.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CoinMarketCap stands in only with a key and only while Coingecko's breaker is open; Coingecko takes back. */
class CoingeckoFailoverTest {

    /** Failures to open the breaker (window 2, 2 polls of 50 ms) plus a CoinMarketCap poll: far below this. */
    private static final Duration FAILOVER_BOUND = Duration.ofSeconds(3);

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
    void shouldFailOverToCoinMarketCapWhileCoingeckoIsDownAndHandBackWhenItRecovers() {
        start(Map.of(IngestSettings.COINMARKETCAP_API_KEY, "cmc-key"));
        Await.until("coingecko ticks", () -> published.ticks().size() >= 4);
        assertThat(fakes.cmc.count(CMC_PATH)).as("CoinMarketCap is not called while Coingecko answers").isZero();

        fakes.primary = Response.json(503, "{\"error\":\"Service Unavailable\"}");
        Await.until("a coinmarketcap tick", FAILOVER_BOUND, () -> lastSource().equals("coinmarketcap"));

        PriceTick failover = published.lastTick("BTC/USD");
        assertThat(failover.getLast()).isEqualByComparingTo("66602.60701122");
        assertThat(fakes.cmc.requests(CMC_PATH).get(0).header("X-CMC_PRO_API_KEY")).isEqualTo("cmc-key");
        assertThat(fakes.cmc.requests(CMC_PATH).get(0).params("slug")).containsExactly("bitcoin,ethereum");
        assertThat(connector.failingOver()).isTrue();
        assertThat(connector.health().state()).isEqualTo(ConnectorState.DEGRADED);
        assertThat(connector.health().detail()).contains("failing over to coinmarketcap");
        assertThat(connector.monitor().failovers()).isEqualTo(1);
        assertThat(meters.get("ingest.source.failovers").tag("source", "coingecko").counter().count()).isEqualTo(1);
        assertThat(meters.get("ingest.source.breaker.state").tag("breaker", "coingecko").gauge().value())
                .isEqualTo(1.0);

        fakes.primary = Response.json(CryptoFakes.PRICES);
        Await.until("coingecko back", FAILOVER_BOUND, () -> lastSource().equals("coingecko")
                && !connector.failingOver());
        int cmcCalls = fakes.cmc.count(CMC_PATH);
        int ticks = published.ticks().size();
        Await.until("more coingecko ticks", () -> published.ticks().size() >= ticks + 6);

        assertThat(fakes.cmc.count(CMC_PATH)).as("CoinMarketCap is left alone again").isEqualTo(cmcCalls);
        assertThat(published.ticks().subList(ticks, ticks + 6)).allMatch(tick -> tick.getSource()
                .equals("coingecko"));
        assertThat(connector.breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(connector.health().state()).isEqualTo(ConnectorState.RUNNING);
    }

    @Test
    void shouldNotFailOverWithoutACoinMarketCapKeyAndSaySoInHealth() {
        start(Map.of());
        Await.until("a coingecko tick", () -> published.lastTick("BTC/USD") != null);

        fakes.primary = Response.json(500, "{\"error\":\"Internal server error\"}");
        Await.until("the breaker open", FAILOVER_BOUND, () -> connector.breaker().getState()
                == CircuitBreaker.State.OPEN || connector.health().detail() != null
                && connector.health().detail().contains("no failover"));
        Await.until("health saying why", () -> connector.health().detail() != null
                && connector.health().detail().contains("no failover"));

        assertThat(connector.health().state()).isEqualTo(ConnectorState.DEGRADED);
        assertThat(connector.health().detail()).contains("COINMARKETCAP_API_KEY");
        assertThat(fakes.cmc.count(CMC_PATH)).isZero();
        assertThat(published.ticks()).allMatch(tick -> tick.getSource().equals("coingecko"));
        assertThat(connector.monitor().failovers()).isZero();
    }

    @Test
    void shouldCountCoinMarketCapStatusErrorsDuringAFailover() {
        fakes.failover = Response.json(429, "{\"status\":{\"timestamp\":\"2018-06-02T22:51:28.209Z\","
                + "\"error_code\":1008,\"error_message\":\"You've exceeded your API Key's HTTP request rate limit. "
                + "Rate limits reset every minute.\",\"elapsed\":10,\"credit_count\":0}}");
        start(Map.of(IngestSettings.COINMARKETCAP_API_KEY, "cmc-key"));
        fakes.primary = Response.json(500, "{\"error\":\"Internal server error\"}");

        Await.until("the failover refused", () -> connector.health().detail() != null
                && connector.health().detail().contains("failing too"));
        fakes.failover = Response.json("{\"status\":{\"error_code\":1002,\"error_message\":\"API key missing.\"}}");
        Await.until("the status-block error counted", () -> connector.monitor().errors(ErrorKind.API_ERROR) >= 1);

        assertThat(connector.monitor().errors(ErrorKind.RATE_LIMITED)).isGreaterThanOrEqualTo(1);
        assertThat(published.ticks()).noneMatch(tick -> tick.getSource().equals("coinmarketcap"));
    }

    private String lastSource() {
        List<PriceTick> ticks = published.ticks();
        return ticks.isEmpty() ? "" : ticks.get(ticks.size() - 1).getSource();
    }
}
