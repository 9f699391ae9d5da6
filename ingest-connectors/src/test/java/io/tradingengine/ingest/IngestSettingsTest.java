package io.tradingengine.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IngestSettingsTest {

    @TempDir
    Path dir;

    @Test
    void shouldDefaultToTheVendorsPublicUrlsAndTheDocumentedValues() {
        IngestSettings settings = IngestSettings.defaults();

        assertThat(settings.coingecko().baseUrl()).isEqualTo(URI.create("https://api.coingecko.com/api/v3"));
        assertThat(settings.coingecko().coins()).containsExactly(
                new IngestSettings.CoinMapping("bitcoin", "BTC/USD"),
                new IngestSettings.CoinMapping("ethereum", "ETH/USD"));
        assertThat(settings.coingecko().apiKey()).isNull();
        assertThat(settings.coingecko().pollInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.coinMarketCap().enabled()).isFalse();
        assertThat(settings.coinMarketCap().baseUrl()).isEqualTo(URI.create("https://pro-api.coinmarketcap.com"));
        assertThat(settings.kalshi().restUrl()).isEqualTo(URI.create(
                "https://api.elections.kalshi.com/trade-api/v2"));
        assertThat(settings.kalshi().wsUrl()).isEqualTo(URI.create("wss://api.elections.kalshi.com/trade-api/ws/v2"));
        assertThat(settings.kalshi().tickers()).isEmpty();
        assertThat(settings.kalshi().signed()).isFalse();
        assertThat(settings.polymarket().wsUrl()).isEqualTo(URI.create(
                "wss://ws-subscriptions-clob.polymarket.com/ws/market"));
        assertThat(settings.polymarket().gammaUrl()).isEqualTo(URI.create("https://gamma-api.polymarket.com"));
        assertThat(settings.maxTickAge()).isEqualTo(Duration.ofSeconds(120));
        assertThat(settings.resilience().heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(IngestSettings.VARIABLES).extracting(IngestSettings.Variable::name)
                .contains("COINGECKO_IDS", "KALSHI_TICKERS", "POLYMARKET_TOKEN_IDS", "FEED_MAX_TICK_AGE");
    }

    @Test
    void shouldReadEveryValueGiven() throws Exception {
        Path key = Files.writeString(dir.resolve("kalshi.pem"), "-----BEGIN PRIVATE KEY-----\n");
        Map<String, String> env = new HashMap<>();
        env.put("COINGECKO_IDS", " bitcoin:BTC/USD , solana:SOL/EUR ");
        env.put("COINGECKO_API_KEY", "CG-key");
        env.put("COINGECKO_API_PLAN", "PRO");
        env.put("COINMARKETCAP_API_KEY", "cmc-key");
        env.put("KALSHI_TICKERS", "KXFED-27APR-T4.25,CPI-22DEC-TN0.1");
        env.put("KALSHI_API_KEY_ID", "key-id");
        env.put("KALSHI_PRIVATE_KEY_PATH", key.toString());
        env.put("KALSHI_WS_URL", "ws://127.0.0.1:9000/trade-api/ws/v2");
        env.put("POLYMARKET_TOKEN_IDS", "123,456");
        env.put("POLYMARKET_GAMMA_POLL_INTERVAL", "PT45S");
        env.put("KALSHI_POLL_INTERVAL", "250ms");
        env.put("FEED_MAX_TICK_AGE", "2m");
        env.put("INGEST_RETRY_MAX_ATTEMPTS", "5");
        env.put("UNRELATED", "ignored");

        IngestSettings settings = IngestSettings.fromEnvironment(env);

        assertThat(settings.coingecko().coins()).extracting(IngestSettings.CoinMapping::quoteCurrency)
                .containsExactly("usd", "eur");
        assertThat(settings.coingecko().plan()).isEqualTo(IngestSettings.CoingeckoPlan.PRO);
        assertThat(settings.coingecko().baseUrl()).isEqualTo(URI.create("https://pro-api.coingecko.com/api/v3"));
        assertThat(settings.coinMarketCap().enabled()).isTrue();
        assertThat(settings.kalshi().tickers()).containsExactly("KXFED-27APR-T4.25", "CPI-22DEC-TN0.1");
        assertThat(settings.kalshi().signed()).isTrue();
        assertThat(settings.kalshi().privateKeyPath()).isEqualTo(key);
        assertThat(settings.kalshi().wsUrl().getPort()).isEqualTo(9000);
        assertThat(settings.kalshi().pollInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.polymarket().tokenIds()).containsExactly("123", "456");
        assertThat(settings.polymarket().gammaPollInterval()).isEqualTo(Duration.ofSeconds(45));
        assertThat(settings.maxTickAge()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.resilience().retryMaxAttempts()).isEqualTo(5);
    }

    @Test
    void shouldTreatABlankValueAsUnset() {
        IngestSettings settings = IngestSettings.fromEnvironment(Map.of("COINMARKETCAP_API_KEY", "  ",
                "COINGECKO_POLL_INTERVAL", ""));

        assertThat(settings.coinMarketCap().enabled()).isFalse();
        assertThat(settings.coingecko().pollInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "COINGECKO_IDS|bitcoin",
        "COINGECKO_IDS|bitcoin:BTC",
        "COINGECKO_IDS|bitcoin:BTC/USD,bitcoin:BTC/EUR",
        "COINGECKO_API_PLAN|enterprise",
        "COINGECKO_BASE_URL|api.coingecko.com",
        "COINGECKO_POLL_INTERVAL|soon",
        "COINGECKO_POLL_INTERVAL|0s",
        "COINGECKO_RATE_LIMIT_PER_MINUTE|-3",
        "KALSHI_WS_URL|https://api.elections.kalshi.com/trade-api/ws/v2",
        "KALSHI_REST_URL|ftp://example.com",
        "KALSHI_TICKERS|A B",
        "POLYMARKET_WS_URL|not a url",
        "FEED_MAX_TICK_AGE|-5s",
        "INGEST_BREAKER_WINDOW|many",
        "INGEST_WS_IDLE_TIMEOUT|5s",
        "KALSHI_PRIVATE_KEY_PATH|/no/such/file.pem"
    })
    void shouldRejectAMalformedValueNamingTheVariable(String name, String value) {
        Map<String, String> env = new HashMap<>();
        env.put(name, value);
        if (name.equals("KALSHI_PRIVATE_KEY_PATH")) {
            env.put("KALSHI_API_KEY_ID", "key-id");
        }

        assertThatThrownBy(() -> IngestSettings.fromEnvironment(env))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name);
    }

    @Test
    void shouldRequireTheKalshiKeyIdAndKeyFileTogether() throws Exception {
        Path key = Files.writeString(dir.resolve("k.pem"), "x");

        assertThatThrownBy(() -> IngestSettings.fromEnvironment(Map.of("KALSHI_API_KEY_ID", "id")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("KALSHI_PRIVATE_KEY_PATH");
        assertThatThrownBy(() -> IngestSettings.fromEnvironment(Map.of("KALSHI_PRIVATE_KEY_PATH", key.toString())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("KALSHI_API_KEY_ID");
    }

    @Test
    void shouldRefuseAMaximumBackoffBelowTheMinimum() {
        assertThatThrownBy(() -> IngestSettings.fromEnvironment(Map.of("INGEST_RECONNECT_MIN_BACKOFF", "10s",
                "INGEST_RECONNECT_MAX_BACKOFF", "1s")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INGEST_RECONNECT_MAX_BACKOFF");
    }

    @Test
    void shouldParseTheDocumentedDurationForms() {
        assertThat(List.of("250ms", "30s", "30", "5m", "1h", "PT1M30S")).extracting(IngestSettings::parseDuration)
                .containsExactly(Duration.ofMillis(250), Duration.ofSeconds(30), Duration.ofSeconds(30),
                        Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofSeconds(90));
        assertThat(IngestSettings.parseDuration("thirty")).isNull();
    }
}
