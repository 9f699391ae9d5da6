package io.tradingengine.ingest.polymarket;

import static io.tradingengine.ingest.polymarket.PolymarketFixtures.NO;
import static io.tradingengine.ingest.polymarket.PolymarketFixtures.YES;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingengine.avro.MarketStatus;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.ingest.ConnectorState;
import io.tradingengine.ingest.IngestSettings;
import io.tradingengine.ingest.MarketIds;
import io.tradingengine.ingest.source.ErrorKind;
import io.tradingengine.ingest.support.Await;
import io.tradingengine.ingest.support.CapturingPublisher;
import io.tradingengine.ingest.support.FakeHttpServer;
import io.tradingengine.ingest.support.FakeHttpServer.Response;
import io.tradingengine.ingest.support.FakeWebSocketServer;
import io.tradingengine.ingest.support.FakeWebSocketServer.Connection;
import io.tradingengine.ingest.support.TestSettings;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PolymarketConnectorTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String YES_MARKET = MarketIds.polymarket(YES);
    private static final String NO_MARKET = MarketIds.polymarket(NO);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CapturingPublisher published = new CapturingPublisher(meters);
    private FakeWebSocketServer ws;
    private FakeHttpServer gamma;
    private volatile Response gammaAnswer;
    private PolymarketConnector connector;

    @BeforeEach
    void startFakes() {
        ws = FakeWebSocketServer.start();
        gamma = FakeHttpServer.start();
        gammaAnswer = Response.json("[" + PolymarketFixtures.gammaMarket("550834", YES, NO, false, null, "0.5",
                "0.5") + "]");
        gamma.route("/markets", request -> gammaAnswer);
    }

    @AfterEach
    void stopAll() {
        if (connector != null) {
            connector.stop();
        }
        ws.close();
        gamma.close();
    }

    private Connection start(Map<String, String> overrides) {
        Map<String, String> env = TestSettings.fast();
        env.put(IngestSettings.POLYMARKET_WS_URL, ws.uri("/ws/market").toString());
        env.put(IngestSettings.POLYMARKET_GAMMA_URL, gamma.uri().toString());
        env.put(IngestSettings.POLYMARKET_TOKEN_IDS, YES + "," + NO);
        env.putAll(overrides);
        connector = new PolymarketConnector(IngestSettings.fromEnvironment(env), published.publisher(), meters,
                Clock.systemUTC());
        connector.start();
        return ws.awaitConnection(WAIT);
    }

    @Test
    void shouldSubscribeWithTheTrackedTokensAndPublishTheInitialBooksOfAnArrayFrame() {
        Connection connection = start(Map.of());

        String subscribe = connection.awaitMessage(WAIT);
        assertThat(subscribe).contains("\"assets_ids\":[\"" + YES + "\",\"" + NO + "\"]")
                .contains("\"type\":\"market\"").contains("\"custom_feature_enabled\":true");
        connection.send("[" + PolymarketFixtures.docsBook(YES) + "," + PolymarketFixtures.book(NO,
                "[{\"price\":\"0.47\",\"size\":\"10\"}]", "[{\"price\":\"0.51\",\"size\":\"5\"}]", 1757908892352L)
                + "]");

        Await.until("both books", () -> published.lastTick(NO_MARKET) != null
                && published.lastTick(YES_MARKET) != null);
        PriceTick yes = published.lastTick(YES_MARKET);
        assertThat(yes.getBid()).isEqualByComparingTo("0.50");
        assertThat(yes.getAsk()).isEqualByComparingTo("0.52");
        assertThat(yes.getSource()).isEqualTo("polymarket");
        assertThat(yes.getTimestamp()).isEqualTo(Instant.ofEpochMilli(1757908892351L));
        assertThat(published.lastTick(NO_MARKET).getAsk()).isEqualByComparingTo("0.51");
        assertThat(connector.health().state()).isEqualTo(ConnectorState.RUNNING);
    }

    @Test
    void shouldApplyTheCurrentPriceChangeShapeUsingItsBestBidAndAsk() {
        Connection connection = subscribedWithBook();

        connection.send(PolymarketFixtures.priceChange(YES, "0.51", "200", "BUY", "0.51", "0.52", 1757908893000L));

        Await.until("the change", () -> published.lastTick(YES_MARKET).getBid().compareTo(new BigDecimal(
                "0.51")) == 0);
        assertThat(published.lastTick(YES_MARKET).getTimestamp()).isEqualTo(Instant.ofEpochMilli(1757908893000L));
    }

    @Test
    void shouldApplyTheOlderPriceChangeShapeToTheBook() {
        Connection connection = subscribedWithBook();

        // Removing the best ask level (size 0) leaves 0.53 as the best ask.
        connection.send(PolymarketFixtures.legacyPriceChange(YES, "0.52", "0", "SELL", 1700000002000L));

        Await.until("the legacy change", () -> published.lastTick(YES_MARKET).getAsk()
                .compareTo(new BigDecimal("0.53")) == 0);
        assertThat(published.lastTick(YES_MARKET).getBid()).isEqualByComparingTo("0.50");
    }

    @Test
    void shouldPublishBestBidAskAndLastTradePrice() {
        Connection connection = subscribedWithBook();

        connection.send(PolymarketFixtures.bestBidAsk(YES, "0.73", "0.77", 1766789469958L));
        Await.until("best bid/ask", () -> published.lastTick(YES_MARKET).getAsk()
                .compareTo(new BigDecimal("0.77")) == 0);
        connection.send(PolymarketFixtures.lastTrade(YES, "0.456", 1766789470000L));

        Await.until("last trade", () -> published.lastTick(YES_MARKET).getLast() != null);
        PriceTick tick = published.lastTick(YES_MARKET);
        assertThat(tick.getLast()).isEqualByComparingTo("0.456");
        assertThat(tick.getBid()).isEqualByComparingTo("0.73");
    }

    @Test
    void shouldCountMalformedAndUnknownFramesAndKeepPublishing() {
        Connection connection = subscribedWithBook();

        connection.send("{\"event_type\":\"book\",\"asset_id\":");
        connection.send("<html><body>502 Bad Gateway</body></html>");
        connection.send("{\"event_type\":\"fancy_new_event\",\"asset_id\":\"" + YES + "\"}");
        connection.send("{\"event_type\":\"best_bid_ask\",\"asset_id\":\"" + YES + "\",\"best_bid\":\"cheap\"}");
        connection.send(PolymarketFixtures.bestBidAsk(YES, "0.60", "0.61", 1766789469958L));

        Await.until("the good frame after the bad ones", () -> published.lastTick(YES_MARKET).getBid()
                .compareTo(new BigDecimal("0.60")) == 0);
        assertThat(connector.monitor().errors(ErrorKind.MALFORMED)).isEqualTo(3);
        assertThat(connector.monitor().errors(ErrorKind.UNKNOWN_EVENT)).isEqualTo(1);
        assertThat(meters.get("ingest.source.errors").tag("source", "polymarket").tag("kind", "malformed")
                .counter().count()).isEqualTo(3);
        assertThat(connector.health().state()).isEqualTo(ConnectorState.RUNNING);
    }

    @Test
    void shouldNotPublishACrossedOrOutOfRangePrice() {
        Connection connection = subscribedWithBook();
        long before = published.ticks(YES_MARKET).size();

        connection.send(PolymarketFixtures.bestBidAsk(YES, "0.80", "0.70", 1766789469958L));
        connection.send(PolymarketFixtures.lastTrade(YES, "1.5", 1766789469959L));
        connection.send(PolymarketFixtures.bestBidAsk(YES, "0.40", "0.45", 1766789469960L));

        Await.until("the good tick", () -> published.lastTick(YES_MARKET).getBid()
                .compareTo(new BigDecimal("0.40")) == 0);
        assertThat(published.ticks(YES_MARKET)).hasSize((int) before + 1);
        assertThat(connector.health().ticksRejected()).isEqualTo(2);
    }

    @Test
    void shouldSendATextPingEveryHeartbeat() {
        Connection connection = start(Map.of(IngestSettings.INGEST_WS_HEARTBEAT_INTERVAL, "50ms",
                IngestSettings.INGEST_WS_IDLE_TIMEOUT, "5s"));
        connection.awaitMessage(WAIT);

        assertThat(connection.awaitMessage(WAIT)).isEqualTo("PING");
        connection.send("PONG");
        assertThat(connection.awaitMessage(WAIT)).isEqualTo("PING");
        assertThat(connector.monitor().errors()).isZero();
    }

    @Test
    void shouldResubscribeAndRebuildTheBookAfterTheConnectionDropsMidStream() {
        Connection first = subscribedWithBook();

        first.drop();
        Connection second = ws.awaitConnection(WAIT);

        assertThat(second.awaitMessage(WAIT)).contains("\"assets_ids\"").contains(YES);
        Await.until("the drop reported", () -> connector.monitor().reconnects() >= 1);
        second.send(PolymarketFixtures.book(YES, "[{\"price\":\"0.30\",\"size\":\"1\"}]",
                "[{\"price\":\"0.35\",\"size\":\"1\"}]", 1757908899999L));
        Await.until("the new book", () -> published.lastTick(YES_MARKET).getBid()
                .compareTo(new BigDecimal("0.30")) == 0);
        assertThat(connector.health().state()).isEqualTo(ConnectorState.RUNNING);
    }

    @Test
    void shouldReconnectWhenTheConnectionGoesSilent() {
        Connection first = start(Map.of(IngestSettings.INGEST_WS_HEARTBEAT_INTERVAL, "50ms",
                IngestSettings.INGEST_WS_IDLE_TIMEOUT, "300ms"));
        first.awaitMessage(WAIT);

        // The fake never answers PING: after the idle timeout the client gives up on this connection.
        Connection second = ws.awaitConnection(WAIT);

        assertThat(second.awaitMessage(WAIT)).contains("\"assets_ids\"");
        assertThat(connector.monitor().errors(ErrorKind.TIMEOUT)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void shouldPublishResolutionDisputeAndCancellationFromGammaPolling() {
        start(Map.of());
        Await.until("the listing", () -> published.lastMarket(YES_MARKET) != null);
        assertThat(published.lastMarket(YES_MARKET).getStatus()).isEqualTo(MarketStatus.OPEN);
        assertThat(published.lastMarket(YES_MARKET).getTitle()).isEqualTo("Will it happen? [Yes]");

        gammaAnswer = gammaList(true, "proposed", "1", "0");
        Await.until("closed", () -> published.lastMarket(YES_MARKET).getStatus() == MarketStatus.CLOSED);
        gammaAnswer = gammaList(true, "disputed", "1", "0");
        Await.until("disputed", () -> published.lastMarket(YES_MARKET).getStatus() == MarketStatus.HALTED);
        gammaAnswer = gammaList(true, "resolved", "0", "1");
        Await.until("resolved", () -> published.lastMarket(YES_MARKET).getStatus() == MarketStatus.RESOLVED
                && published.lastMarket(NO_MARKET).getStatus() == MarketStatus.RESOLVED);

        assertThat(published.lastMarket(YES_MARKET).getOutcome()).isEqualTo("NO");
        assertThat(published.lastMarket(NO_MARKET).getOutcome()).isEqualTo("YES");
    }

    @Test
    void shouldPublishAFiftyFiftyResolutionAsACancellation() {
        gammaAnswer = gammaList(true, "resolved", "0.5", "0.5");

        start(Map.of());

        Await.until("cancelled", () -> published.lastMarket(YES_MARKET) != null
                && published.lastMarket(NO_MARKET) != null);
        assertThat(published.lastMarket(YES_MARKET).getStatus()).isEqualTo(MarketStatus.CANCELLED);
        assertThat(published.lastMarket(NO_MARKET).getStatus()).isEqualTo(MarketStatus.CANCELLED);
    }

    @Test
    void shouldResolveFromTheWebSocketAndNotReopenOnALaterPoll() {
        Connection connection = subscribedWithBook();
        Await.until("the listing", () -> published.lastMarket(YES_MARKET) != null);

        connection.send(PolymarketFixtures.resolved(YES));

        // Both tokens of the market resolve; the two records are published one after the other.
        Await.until("resolved", () -> published.lastMarket(YES_MARKET).getStatus() == MarketStatus.RESOLVED
                && published.lastMarket(NO_MARKET) != null
                && published.lastMarket(NO_MARKET).getStatus() == MarketStatus.RESOLVED);
        int polls = (int) connector.gammaPolls();
        Await.until("two more polls", () -> connector.gammaPolls() >= polls + 2);
        assertThat(published.lastMarket(YES_MARKET).getOutcome()).isEqualTo("YES");
        assertThat(published.lastMarket(NO_MARKET).getOutcome()).isEqualTo("NO");
    }

    @Test
    void shouldCountGammaFailuresWithoutStoppingThePrices() {
        gammaAnswer = Response.html(502, "<html><body><h1>502 Bad Gateway</h1></body></html>");
        Connection connection = start(Map.of());
        connection.awaitMessage(WAIT);

        connection.send(PolymarketFixtures.docsBook(YES));
        Await.until("a tick", () -> published.lastTick(YES_MARKET) != null);
        Await.until("the html errors", () -> connector.monitor().errors(ErrorKind.HTML_ERROR_PAGE) >= 2);
        gammaAnswer = Response.json(500, "{\"error\":\"Internal server error\"}");
        Await.until("the 500s", () -> connector.monitor().errors(ErrorKind.SERVER_ERROR) >= 2);
        Await.until("gamma impairment in health", () -> connector.health().state() == ConnectorState.DEGRADED);
        assertThat(connector.health().detail()).contains("gamma");

        gammaAnswer = gammaList(false, null, "0.5", "0.5");
        Await.until("recovered", () -> published.lastMarket(YES_MARKET) != null
                && connector.health().state() == ConnectorState.RUNNING);
    }

    private Connection subscribedWithBook() {
        Connection connection = start(Map.of());
        connection.awaitMessage(WAIT);
        connection.send("[" + PolymarketFixtures.docsBook(YES) + "]");
        Await.until("the book", () -> published.lastTick(YES_MARKET) != null);
        return connection;
    }

    private static Response gammaList(boolean closed, String uma, String yesPrice, String noPrice) {
        return Response.json("[" + PolymarketFixtures.gammaMarket("550834", YES, NO, closed, uma, yesPrice, noPrice)
                + "]");
    }
}
