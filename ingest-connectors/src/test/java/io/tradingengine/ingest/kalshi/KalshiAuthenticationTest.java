package io.tradingengine.ingest.kalshi;

import static io.tradingengine.ingest.kalshi.KalshiFakes.CPI;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingengine.ingest.IngestSettings;
import io.tradingengine.ingest.MarketIds;
import io.tradingengine.ingest.source.ErrorKind;
import io.tradingengine.ingest.support.Await;
import io.tradingengine.ingest.support.CapturingPublisher;
import io.tradingengine.ingest.support.FakeWebSocketServer.Connection;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The WebSocket handshake carries Kalshi's signed headers when a key is configured; the fake verifies them. */
class KalshiAuthenticationTest {

    @TempDir
    Path dir;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CapturingPublisher published = new CapturingPublisher(meters);
    private final KalshiFakes fakes = new KalshiFakes();
    private KeyPair keys;
    private KalshiConnector connector;

    @BeforeEach
    void requireSignedHandshakes() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        fakes.ws.handshake(this::check);
    }

    @AfterEach
    void stopAll() {
        if (connector != null) {
            connector.stop();
        }
        fakes.close();
    }

    @Test
    void shouldSignTheHandshakeWithRsaPssWhenAKeyIsConfigured() throws Exception {
        Map<String, String> env = fakes.env();
        env.put(IngestSettings.KALSHI_API_KEY_ID, "a952bcbe-ec3b-4b5b-b8f9-11dae589608c");
        env.put(IngestSettings.KALSHI_PRIVATE_KEY_PATH, KalshiSignerTest.pem(dir, keys, true).toString());
        connector = new KalshiConnector(IngestSettings.fromEnvironment(env), published.publisher(), meters,
                Clock.systemUTC());

        connector.start();
        Connection connection = fakes.acceptAndAck();
        connection.send(KalshiFakes.ticker(CPI, "0.4500", "0.5300", "0.4800", 1669149841000L));

        Await.until("a tick over the signed connection", () -> published.lastTick(MarketIds.kalshi(CPI)) != null
                && published.lastTick(MarketIds.kalshi(CPI)).getBid().compareTo(new BigDecimal("0.45")) == 0);
        assertThat(connection.headers().get("kalshi-access-key")).isEqualTo("a952bcbe-ec3b-4b5b-b8f9-11dae589608c");
        assertThat(fakes.rest.requests("/trade-api/v2/markets").get(0).header("KALSHI-ACCESS-SIGNATURE"))
                .isNotBlank();
    }

    @Test
    void shouldCountARefusedHandshakeAndKeepRetryingWithoutAKey() {
        connector = new KalshiConnector(IngestSettings.fromEnvironment(fakes.env()), published.publisher(), meters,
                Clock.systemUTC());

        connector.start();

        Await.until("several refused handshakes", () -> fakes.ws.handshakes().size() >= 3);
        Await.until("the refusals counted", () -> connector.monitor().errors(ErrorKind.CONNECTION) >= 3);
        assertThat(fakes.ws.connectionCount()).isZero();
        assertThat(connector.monitor().reconnects()).isGreaterThanOrEqualTo(2);
    }

    private int check(Map<String, String> headers) {
        String key = headers.get("kalshi-access-key");
        String timestamp = headers.get("kalshi-access-timestamp");
        String signature = headers.get("kalshi-access-signature");
        if (key == null || timestamp == null || signature == null) {
            return 401;
        }
        try {
            return KalshiSignerTest.verify(keys.getPublic(), timestamp + "GET" + headers.get(":path"), signature)
                    ? 101 : 401;
        } catch (Exception e) {
            return 401;
        }
    }
}
