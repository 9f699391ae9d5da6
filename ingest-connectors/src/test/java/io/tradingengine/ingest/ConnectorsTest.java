package io.tradingengine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingengine.ingest.coingecko.CoingeckoConnector;
import io.tradingengine.ingest.kalshi.KalshiConnector;
import io.tradingengine.ingest.polymarket.PolymarketConnector;
import io.tradingengine.ingest.simulated.SimulatedFeed;
import io.tradingengine.ingest.support.CapturingPublisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorsTest {

    @TempDir
    Path dir;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final PricePublisher publisher = new CapturingPublisher(meters).publisher();
    private final IngestSettings settings = IngestSettings.fromEnvironment(Map.of(
            IngestSettings.KALSHI_TICKERS, "KXFED-27APR-T4.25", IngestSettings.POLYMARKET_TOKEN_IDS, "123"));

    @Test
    void shouldBuildTheConnectorOfEachFeedUnstarted() {
        assertThat(Connectors.create("simulated", settings, publisher, meters)).isInstanceOf(SimulatedFeed.class);
        assertThat(Connectors.create("coingecko", settings, publisher, meters))
                .isInstanceOf(CoingeckoConnector.class);
        assertThat(Connectors.create("Kalshi", settings, publisher, meters)).isInstanceOf(KalshiConnector.class);
        MarketDataConnector polymarket = Connectors.create(" polymarket ", settings, publisher, meters);

        assertThat(polymarket).isInstanceOf(PolymarketConnector.class);
        assertThat(polymarket.name()).isEqualTo("polymarket");
        assertThat(polymarket.health().state()).isEqualTo(ConnectorState.NEW);
    }

    @Test
    void shouldRefuseAnUnknownFeed() {
        assertThatThrownBy(() -> Connectors.create("bloomberg", settings, publisher, meters))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bloomberg")
                .hasMessageContaining("kalshi");
    }

    @Test
    void shouldRefuseAFeedWithNothingToTrackNamingTheVariable() {
        IngestSettings empty = IngestSettings.defaults();

        assertThatThrownBy(() -> Connectors.create("kalshi", empty, publisher, meters))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("KALSHI_TICKERS");
        assertThatThrownBy(() -> Connectors.create("polymarket", empty, publisher, meters))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("POLYMARKET_TOKEN_IDS");
    }

    @Test
    void shouldRefuseAKalshiKeyFileThatHoldsNoKey() throws Exception {
        Path file = Files.writeString(dir.resolve("kalshi.pem"), "not a key");
        IngestSettings signed = IngestSettings.fromEnvironment(Map.of(IngestSettings.KALSHI_TICKERS, "A",
                IngestSettings.KALSHI_API_KEY_ID, "id", IngestSettings.KALSHI_PRIVATE_KEY_PATH, file.toString()));

        assertThatThrownBy(() -> Connectors.create("kalshi", signed, publisher, meters))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("KALSHI_PRIVATE_KEY_PATH");
    }
}
