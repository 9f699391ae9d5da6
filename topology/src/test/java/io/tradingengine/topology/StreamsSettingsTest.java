package io.tradingengine.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {

    @Test
    void shouldRunExactlyOnceWithALowLatencyCommitInterval() {
        StreamsConfig config = new StreamsConfig(StreamsSettings.properties("engine", "localhost:9092", "/tmp/s",
                "localhost:8080"));

        assertThat(config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
        assertThat(config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(20L);
        assertThat(config.getString(StreamsConfig.APPLICATION_SERVER_CONFIG)).isEqualTo("localhost:8080");
        assertThat(config.getInt(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isZero();
        assertThat(config.getProducerConfigs("client").get("linger.ms")).isEqualTo(5);
    }

    @Test
    void shouldSendRecordsThatCannotBeDeserializedToTheirDeadLetterTopic() {
        StreamsConfig config = new StreamsConfig(StreamsSettings.properties("engine", "localhost:9092", "/tmp/s",
                null));

        assertThat(config.deserializationExceptionHandler()).isInstanceOf(DeadLetterDeserializationHandler.class);
        assertThat(config.getString(StreamsConfig.APPLICATION_SERVER_CONFIG)).isEmpty();
    }

    @Test
    void shouldBoundRocksDbMemoryAndConfigureStandbys() {
        Properties props = StreamsSettings.properties("engine", "localhost:9092", "/tmp/s", null, 2);

        assertThat(props.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG))
                .isEqualTo(BoundedMemoryRocksDBConfig.class);
        assertThat(new StreamsConfig(props).getInt(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo(2);
        assertThatThrownBy(() -> StreamsSettings.properties("engine", "b:9092", "/tmp/s", null, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldApplyTheLatencyTuning() {
        StreamsConfig config = new StreamsConfig(StreamsSettings.properties("engine", "localhost:9092", "/tmp/s",
                null, new StreamsTuning(5, 2, 0, 1, 3)));

        assertThat(config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(5L);
        assertThat(config.getLong(StreamsConfig.POLL_MS_CONFIG)).isEqualTo(3L);
        assertThat(config.getInt(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo(2);
        assertThat(config.getInt(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo(1);
        assertThat(config.getProducerConfigs("client").get("linger.ms")).isEqualTo(0);
        assertThat(config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
                .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    }

    @Test
    void shouldRefuseATuningOutOfRangeNamingTheSetting() {
        assertThatThrownBy(() -> new StreamsTuning(0, 1, 5, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("commitIntervalMs");
        assertThatThrownBy(() -> new StreamsTuning(20, 0, 5, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("streamThreads");
        assertThatThrownBy(() -> new StreamsTuning(20, 1, 5, 0, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pollMs");
        assertThat(new StreamsTuning(20, 1, 5, 0).pollMs()).isEqualTo(StreamsSettings.POLL_MS);
        assertThat(StreamsTuning.DEFAULTS.withStandbyReplicas(2).pollMs()).isEqualTo(StreamsTuning.DEFAULTS.pollMs());
    }

    @Test
    void shouldDefaultTopologyConfigToTheDesignRates() {
        TopologyConfig config = TopologyConfig.defaults();

        assertThat(config.cryptoSlippage()).isEqualByComparingTo("0.001");
        assertThat(config.cryptoFee()).isEqualByComparingTo("0.001");
        assertThat(config.predictionSlippage()).isEqualByComparingTo("0.002");
        assertThat(config.predictionFee()).isEqualByComparingTo("0.002");
        assertThat(config.freshness().crypto()).isZero();
        assertThat(config.orderIdRetention()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void shouldKeepTheSixArgumentConstructorWithTheDefaultRetention() {
        TopologyConfig config = new TopologyConfig(new BigDecimal("0.001"), new BigDecimal("0.001"),
                new BigDecimal("0.002"), new BigDecimal("0.002"), Duration.ofSeconds(30),
                Duration.ZERO);

        assertThat(config.orderIdRetention()).isEqualTo(TopologyConfig.DEFAULT_ORDER_ID_RETENTION);
        assertThat(config.withOrderIdRetention(Duration.ofHours(1)).orderIdRetention())
                .isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> config.withOrderIdRetention(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("orderIdRetention");
    }

    @Test
    void shouldRejectARateOutsideZeroToOneNamingIt() {
        assertThatThrownBy(() -> new TopologyConfig(new BigDecimal("0.001"), new BigDecimal("1.5"),
                new BigDecimal("0.002"), new BigDecimal("0.002")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cryptoFee must be a fraction in [0, 1), was 1.5");
    }
}
