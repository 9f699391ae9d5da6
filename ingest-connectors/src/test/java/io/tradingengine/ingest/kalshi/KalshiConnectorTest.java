package io.tradingengine.ingest.kalshi;

import static io.tradingengine.ingest.kalshi.KalshiFakes.CPI;
import static io.tradingengine.ingest.kalshi.KalshiFakes.FED;
import static io.tradingengine.ingest.kalshi.KalshiFakes.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingengine.avro.AssetClass;
import io.tradingengine.avro.MarketStatus;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.ingest.IngestSettings;
import io.tradingengine.ingest.MarketIds;
import io.tradingengine.ingest.source.ErrorKind;
import io.tradingengine.ingest.source.Json;
import io.tradingengine.ingest.support.Await;
import io.tradingengine.ingest.support.CapturingPublisher;
import io.tradingengine.ingest.support.FakeHttpServer.Response;
import io.tradingengine.ingest.support.FakeWebSocketServer.Connection;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KalshiConnectorTest {

    private static final String FED_MARKET = MarketIds.kalshi(FED);
    private static final String CPI_MARKET = MarketIds.kalshi(CPI);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CapturingPublisher published = new CapturingPublisher(meters);
    private final KalshiFakes fakes = new KalshiFakes();
    private KalshiConnector connector;

    @AfterEach
    void stopAll() {
        if (connector != null) {
            connector.stop();
        }
        fakes.close();
    }

    private Connection start(Map<String, String> overrides) {
        Map<String, String> env = fakes.env();
        env.putAll(overrides);
        connector = new KalshiConnector(IngestSettings.fromEnvironment(env), published.publisher(), meters,
                Clock.systemUTC());
        connector.start();
        Connection connection = fakes.acceptAndAck();
        Await.until("the REST listing", () -> published.lastMarket(FED_MARKET) != null
                && published.lastMarket(CPI_MARKET) != null);
        return connection;
    }

    @Test
    void shouldSubscribeToTickerOrderBookAndLifecycleForTheTrackedTickers() {
        connector = new KalshiConnector(IngestSettings.fromEnvironment(fakes.env()), published.publisher(), meters,
                Clock.systemUTC());
        connector.start();
        Connection connection = fakes.ws.awaitConnection(WAIT);

        JsonNode ticker = Json.parse(connection.awaitMessage(WAIT));
        JsonNode book = Json.parse(connection.awaitMessage(WAIT));
        JsonNode lifecycle = Json.parse(connection.awaitMessage(WAIT));

        assertThat(ticker.path("cmd").asText()).isEqualTo("subscribe");
        assertThat(ticker.path("params").path("channels").toString()).isEqualTo("[\"ticker\"]");
        assertThat(ticker.path("params").path("market_tickers").toString()).isEqualTo("[\"" + FED + "\",\"" + CPI
                + "\"]");
        assertThat(ticker.path("params").path("send_initial_snapshot").asBoolean()).isTrue();
        assertThat(book.path("params").path("channels").toString()).isEqualTo("[\"orderbook_delta\"]");
        assertThat(book.path("params").path("market_tickers").size()).isEqualTo(2);
        assertThat(lifecycle.path("params").path("channels").toString()).isEqualTo("[\"market_lifecycle_v2\"]");
        assertThat(ticker.path("id").asLong()).isNotEqualTo(book.path("id").asLong());
    }

    @Test
    void shouldPublishTickerPricesFromTheDollarStringFields() {
        Connection connection = start(Map.of());

        connection.send(KalshiFakes.ticker(CPI, "0.4500", "0.5300", "0.4800", 1669149841000L));

        Await.until("the ticker tick", () -> published.lastTick(CPI_MARKET) != null
                && published.lastTick(CPI_MARKET).getTimestamp().equals(Instant.ofEpochMilli(1669149841000L)));
        PriceTick tick = published.lastTick(CPI_MARKET);
        assertThat(tick.getBid()).isEqualByComparingTo("0.45");
        assertThat(tick.getAsk()).isEqualByComparingTo("0.53");
        assertThat(tick.getLast()).isEqualByComparingTo("0.48");
        assertThat(tick.getSource()).isEqualTo("kalshi");
    }

    @Test
    void shouldFallBackToTheOlderCentFieldsOfATicker() {
        Connection connection = start(Map.of());

        connection.send(KalshiFakes.legacyTicker(FED, 11, 12, 12, 1732579880L));

        Await.until("the legacy tick", () -> published.lastTick(FED_MARKET) != null
                && published.lastTick(FED_MARKET).getTimestamp().equals(Instant.ofEpochSecond(1732579880L)));
        PriceTick tick = published.lastTick(FED_MARKET);
        assertThat(tick.getBid()).isEqualByComparingTo("0.11");
        assertThat(tick.getAsk()).isEqualByComparingTo("0.12");
        assertThat(tick.getLast()).isEqualByComparingTo("0.12");
    }

    @Test
    void shouldBuildTheBookFromASnapshotAndItsDeltas() {
        Connection connection = start(Map.of());

        connection.send(KalshiFakes.snapshot(2, FED, "[[\"0.0800\",\"300.00\"],[\"0.2200\",\"333.00\"]]",
                "[[\"0.5400\",\"20.00\"],[\"0.5600\",\"146.00\"]]"));
        Await.until("the snapshot tick", () -> bidOf(FED_MARKET, "0.22"));
        assertThat(published.lastTick(FED_MARKET).getAsk()).isEqualByComparingTo("0.44");

        connection.send(KalshiFakes.delta(3, FED, "0.2500", "10.00", "yes", 1669149841000L));
        Await.until("the improved bid", () -> bidOf(FED_MARKET, "0.25"));
        connection.send(KalshiFakes.delta(4, FED, "0.5600", "-146.00", "no", 1669149842000L));

        Await.until("the ask after the best no bid left", () -> published.lastTick(FED_MARKET).getAsk()
                .compareTo(new BigDecimal("0.46")) == 0);
        assertThat(published.lastTick(FED_MARKET).getTimestamp()).isEqualTo(Instant.ofEpochMilli(1669149842000L));
    }

    @Test
    void shouldReadTheOlderCentOrderBookShapes() {
        Connection connection = start(Map.of());

        connection.send(KalshiFakes.legacySnapshot(1, CPI, "[[45,100],[44,200]]", "[[53,120],[50,10]]"));
        Await.until("the legacy snapshot", () -> bidOf(CPI_MARKET, "0.45"));
        assertThat(published.lastTick(CPI_MARKET).getAsk()).isEqualByComparingTo("0.47");
        connection.send(KalshiFakes.legacyDelta(2, CPI, 45, -100, "yes"));

        Await.until("the legacy delta", () -> bidOf(CPI_MARKET, "0.44"));
    }

    @Test
    void shouldAskForAFreshSnapshotOnASequenceGapAndIgnoreDeltasUntilItComes() {
        Connection connection = start(Map.of());
        connection.send(KalshiFakes.snapshot(2, FED, "[[\"0.2200\",\"10.00\"]]", "[[\"0.5600\",\"10.00\"]]"));
        connection.send(KalshiFakes.snapshot(3, CPI, "[[\"0.4000\",\"10.00\"]]", "[[\"0.5000\",\"10.00\"]]"));
        Await.until("both snapshots", () -> bidOf(FED_MARKET, "0.22") && bidOf(CPI_MARKET, "0.40"));

        connection.send(KalshiFakes.delta(5, FED, "0.3000", "5.00", "yes", 1669149841000L));
        String resync = connection.awaitMessageContaining("update_subscription", WAIT);
        connection.send(KalshiFakes.delta(6, FED, "0.3500", "5.00", "yes", 1669149841000L));

        JsonNode command = Json.parse(resync);
        assertThat(command.path("params").path("action").asText()).isEqualTo("get_snapshot");
        assertThat(command.path("params").path("sids").toString()).isEqualTo("[2]");
        assertThat(command.path("params").path("market_tickers").size()).isEqualTo(2);
        Await.until("the gap counted", () -> connector.monitor().errors(ErrorKind.SEQUENCE_GAP) == 1);
        connection.send(KalshiFakes.snapshot(7, FED, "[[\"0.2400\",\"10.00\"]]", "[[\"0.5600\",\"10.00\"]]"));
        connection.send(KalshiFakes.delta(8, FED, "0.2600", "1.00", "yes", 1669149843000L));

        Await.until("the delta after the fresh snapshot", () -> bidOf(FED_MARKET, "0.26"));
        assertThat(published.ticks(FED_MARKET)).extracting(PriceTick::getBid)
                .noneMatch(bid -> bid.compareTo(new BigDecimal("0.30")) == 0
                        || bid.compareTo(new BigDecimal("0.35")) == 0);
        assertThat(connector.monitor().errors(ErrorKind.SEQUENCE_GAP)).isEqualTo(1);
    }

    @Test
    void shouldReconnectAndResubscribeOnATerminalError() {
        Connection first = start(Map.of());

        first.send(KalshiFakes.error(0, 25, "Subscription buffer overflow"));

        Connection second = fakes.acceptAndAck();
        second.send(KalshiFakes.ticker(CPI, "0.4100", "0.4300", "0.4200", 1669149841000L));
        Await.until("ticks on the new connection", () -> bidOf(CPI_MARKET, "0.41"));
        assertThat(connector.monitor().errors(ErrorKind.API_ERROR)).isEqualTo(1);
        assertThat(first.awaitGone(WAIT)).isTrue();
    }

    @Test
    void shouldCountMalformedAndUnknownFramesAndKeepPublishing() {
        Connection connection = start(Map.of());

        connection.send("{\"type\":\"ticker\",\"sid\":1,\"msg\":{");
        connection.send("[1,2,3]");
        connection.send("{\"type\":\"ticker\",\"sid\":1,\"msg\":{\"market_ticker\":\"" + CPI + "\","
                + "\"yes_bid_dollars\":\"forty\"}}");
        connection.send("{\"type\":\"brand_new_channel\",\"sid\":9,\"msg\":{}}");
        connection.send(KalshiFakes.ticker(CPI, "0.4500", "0.5300", "0.4800", 1669149841000L));

        Await.until("the good frame", () -> bidOf(CPI_MARKET, "0.45"));
        assertThat(connector.monitor().errors(ErrorKind.MALFORMED)).isEqualTo(3);
        assertThat(connector.monitor().errors(ErrorKind.UNKNOWN_EVENT)).isEqualTo(1);
        assertThat(fakes.ws.connectionCount()).isEqualTo(1);
    }

    @Test
    void shouldReconnectAndResubscribeAfterTheConnectionDropsMidStream() {
        Connection first = start(Map.of());
        first.send(KalshiFakes.ticker(CPI, "0.4500", "0.5300", "0.4800", 1669149841000L));
        Await.until("a tick", () -> bidOf(CPI_MARKET, "0.45"));

        first.drop();
        Connection second = fakes.acceptAndAck();
        second.send(KalshiFakes.snapshot(1, CPI, "[[\"0.4600\",\"10.00\"]]", "[[\"0.5000\",\"10.00\"]]"));

        Await.until("the book on the new connection", () -> bidOf(CPI_MARKET, "0.46"));
        assertThat(connector.monitor().reconnects()).isGreaterThanOrEqualTo(1);
        assertThat(connector.monitor().errors(ErrorKind.CONNECTION)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void shouldResolveAMarketFromALifecycleDetermination() {
        Connection connection = start(Map.of());
        Await.until("the listing", () -> published.lastMarket(FED_MARKET) != null);

        connection.send(KalshiFakes.determined(4, FED, "yes"));

        Await.until("resolved", () -> published.lastMarket(FED_MARKET).getStatus() == MarketStatus.RESOLVED);
        assertThat(published.lastMarket(FED_MARKET).getOutcome()).isEqualTo("YES");
        assertThat(published.lastMarket(FED_MARKET).getTitle()).isEqualTo("Title of " + FED);
    }

    @Test
    void shouldListTheMarketsWithTheirStatusAndResultFromRestAtStart() {
        fakes.restAnswer = Response.json(KalshiFakes.markets(
                KalshiFakes.market(FED, "finalized", "no", "0.0000", "0.0000", "0.0100"),
                KalshiFakes.market(CPI, "closed", "", "0.0000", "0.0000", "0.4800")));

        start(Map.of());

        Await.until("both listings", () -> published.lastMarket(FED_MARKET) != null
                && published.lastMarket(CPI_MARKET) != null);
        assertThat(published.lastMarket(FED_MARKET).getStatus()).isEqualTo(MarketStatus.RESOLVED);
        assertThat(published.lastMarket(FED_MARKET).getOutcome()).isEqualTo("NO");
        assertThat(published.lastMarket(CPI_MARKET).getStatus()).isEqualTo(MarketStatus.CLOSED);
        assertThat(published.lastMarket(CPI_MARKET).getAssetClass()).isEqualTo(AssetClass.PREDICTION);
    }

    @Test
    void shouldAnswerTheServersHeartbeatPingsAndPingItself() {
        Connection connection = start(Map.of(IngestSettings.INGEST_WS_HEARTBEAT_INTERVAL, "50ms",
                IngestSettings.INGEST_WS_IDLE_TIMEOUT, "5s"));

        connection.ping("heartbeat");
        connection.ping("heartbeat");

        Await.until("pongs for the heartbeats", () -> connection.pongs() >= 2);
        Await.until("pings from the client", () -> connection.pings() >= 2);
        assertThat(fakes.ws.connectionCount()).isEqualTo(1);
    }

    private boolean bidOf(String market, String bid) {
        PriceTick tick = published.lastTick(market);
        return tick != null && tick.getBid() != null && tick.getBid().compareTo(new BigDecimal(bid)) == 0;
    }
}
