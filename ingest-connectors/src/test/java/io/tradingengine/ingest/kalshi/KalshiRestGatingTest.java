package io.tradingengine.ingest.kalshi;

import static io.tradingengine.ingest.kalshi.KalshiFakes.CPI;
import static io.tradingengine.ingest.kalshi.KalshiFakes.FED;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.ingest.ConnectorState;
import io.tradingengine.ingest.IngestSettings;
import io.tradingengine.ingest.MarketIds;
import io.tradingengine.ingest.support.Await;
import io.tradingengine.ingest.support.CapturingPublisher;
import io.tradingengine.ingest.support.FakeHttpServer.Response;
import io.tradingengine.ingest.support.FakeWebSocketServer.Connection;
import java.math.BigDecimal;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Kalshi's REST API is polled only while the WebSocket is down, and no longer once it is back. */
class KalshiRestGatingTest {

    private static final int CYCLES = 6;

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

    @Test
    void shouldPollRestOnlyWhileTheWebSocketIsDown() {
        connector = new KalshiConnector(IngestSettings.fromEnvironment(fakes.env()), published.publisher(), meters,
                Clock.systemUTC());
        connector.start();
        Connection first = fakes.acceptAndAck();
        Await.until("the start-up listing", () -> published.lastMarket(MarketIds.kalshi(FED)) != null);

        // WebSocket up: cycles pass, REST is left alone.
        long polls = connector.restPolls();
        long cycles = connector.restCycles();
        Await.until("poll cycles with the socket up", () -> connector.restCycles() >= cycles + CYCLES);
        assertThat(connector.restPolls()).isEqualTo(polls);
        assertThat(fakes.restPolls()).isEqualTo((int) polls);

        // WebSocket down (dropped, reconnects refused): REST is polled and its prices published.
        fakes.ws.handshake(headers -> 503);
        fakes.restAnswer = Response.json(KalshiFakes.markets(
                KalshiFakes.market(FED, "active", "", "0.3100", "0.3300", "0.3200"),
                KalshiFakes.market(CPI, "active", "", "0.4500", "0.5300", "0.4800")));
        first.drop();
        Await.until("REST polls while the socket is down", () -> fakes.restPolls() >= polls + 3);
        Await.until("REST prices published", () -> {
            PriceTick tick = published.lastTick(MarketIds.kalshi(FED));
            return tick != null && tick.getBid().compareTo(new BigDecimal("0.31")) == 0;
        });
        assertThat(connector.health().state()).isEqualTo(ConnectorState.DEGRADED);
        assertThat(connector.health().detail()).contains("websocket down").contains("polling REST");

        // WebSocket back: polling stops again (one poll may have been in flight at the switch).
        fakes.ws.handshake(headers -> 101);
        fakes.acceptAndAck();
        Await.until("the socket open", connector::webSocketOpen);
        long pollsWhenBack = fakes.restPolls();
        long cyclesWhenBack = connector.restCycles();
        Await.until("poll cycles with the socket back", () -> connector.restCycles() >= cyclesWhenBack + CYCLES);
        assertThat(fakes.restPolls()).isBetween((int) pollsWhenBack, (int) pollsWhenBack + 1);
        assertThat(connector.health().detail() == null || !connector.health().detail().contains("websocket down"))
                .isTrue();
    }
}
