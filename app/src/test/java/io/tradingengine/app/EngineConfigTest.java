package io.tradingengine.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingengine.topology.StreamsTuning;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class EngineConfigTest {

    @Test
    void shouldUseTheDesignDefaultsWhenNothingIsSet() {
        EngineConfig config = EngineConfig.fromEnvironment(Map.of());

        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.cryptoSlippage()).isEqualByComparingTo("0.001");
        assertThat(config.cryptoFee()).isEqualByComparingTo("0.001");
        assertThat(config.predictionSlippage()).isEqualByComparingTo("0.002");
        assertThat(config.predictionFee()).isEqualByComparingTo("0.002");
        assertThat(config.feeds()).containsExactly("simulated");
        assertThat(config.kafkaBrokers()).isNull();
        assertThat(config.stateDir()).isEqualTo(config.dataDir().resolve("streams"));
    }

    @Test
    void shouldReadTheEnvironmentAndTreatBlankAsUnset() {
        EngineConfig config = EngineConfig.fromEnvironment(Map.of("HTTP_PORT", "9090", "CRYPTO_FEE_PERCENT",
                "0.0005", "KAFKA_BROKERS", "  ", "FEEDS", "Simulated"));

        assertThat(config.httpPort()).isEqualTo(9090);
        assertThat(config.cryptoFee()).isEqualByComparingTo(new BigDecimal("0.0005"));
        assertThat(config.kafkaBrokers()).isNull();
        assertThat(config.feeds()).isEqualTo(List.of("simulated"));
    }

    @Test
    void shouldReadTheStreamsTuningAndNameAMalformedOne() {
        assertThat(EngineConfig.fromEnvironment(Map.of()).streamsTuning()).isEqualTo(StreamsTuning.DEFAULTS);
        assertThat(EngineConfig.fromEnvironment(Map.of("COMMIT_INTERVAL_MS", "50", "STREAM_THREADS", "2",
                "STREAMS_LINGER_MS", "0", "NUM_STANDBY_REPLICAS", "1")).streamsTuning())
                .isEqualTo(new StreamsTuning(50, 2, 0, 1, 100));
        assertThat(EngineConfig.fromEnvironment(Map.of("COMMIT_INTERVAL_MS", "50", "STREAMS_POLL_MS", "5"))
                .streamsTuning().pollMs()).isEqualTo(5);
        assertThatThrownBy(() -> EngineConfig.fromEnvironment(Map.of("STREAMS_POLL_MS", "-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("STREAMS_POLL_MS");
        assertThatThrownBy(() -> EngineConfig.fromEnvironment(Map.of("COMMIT_INTERVAL_MS", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("COMMIT_INTERVAL_MS");
        assertThatThrownBy(() -> EngineConfig.fromEnvironment(Map.of("STREAM_THREADS", "two")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("STREAM_THREADS");
    }

    @Test
    void shouldNameTheVariableWhenAPortIsMalformed() {
        assertThatThrownBy(() -> EngineConfig.fromEnvironment(Map.of("HTTP_PORT", "eighty")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("HTTP_PORT");
        assertThatThrownBy(() -> EngineConfig.fromEnvironment(Map.of("HTTP_PORT", "70000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("HTTP_PORT");
    }

    @Test
    void shouldRejectAFeeRateThatIsNotAFraction() {
        assertThatThrownBy(() -> EngineConfig.fromEnvironment(Map.of("CRYPTO_FEE_PERCENT", "0.1%")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CRYPTO_FEE_PERCENT");
        assertThatThrownBy(() -> EngineConfig.fromEnvironment(Map.of("PREDICTION_SLIPPAGE_PERCENT", "1.5")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PREDICTION_SLIPPAGE_PERCENT");
    }

    @Test
    void shouldRefuseUnknownFeedsByNameAndAcceptTheRealOnes() {
        assertThatThrownBy(() -> EngineConfig.fromEnvironment(Map.of("FEEDS", "simulated,binance")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("FEEDS").hasMessageContaining("binance");
        assertThat(EngineConfig.fromEnvironment(Map.of("FEEDS", "coingecko,kalshi,polymarket")).feeds())
                .containsExactly("coingecko", "kalshi", "polymarket");
    }

    @Test
    void shouldNameTheMarketDataVariableThatIsMalformed() {
        assertThatThrownBy(() -> EngineConfig.fromEnvironment(Map.of("COINGECKO_IDS", "bitcoin")))
                .hasMessageContaining("COINGECKO_IDS");
    }

    @Test
    void shouldInsistOnRequiredValuesForRun() {
        EngineConfig config = EngineConfig.fromEnvironment(Map.of());

        assertThatThrownBy(() -> config.required(EngineConfig.KAFKA_BROKERS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("KAFKA_BROKERS");
    }

    @Test
    void shouldDescribeAConfigErrorInOneLine() {
        Exception e = new IllegalStateException("wrapped", new ConfigException("HTTP_PORT", "x", "bad"));

        assertThat(Errors.describe(e)).startsWith("configuration error:").contains("HTTP_PORT");
    }
}
