package io.tradingengine.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SinkConfigTest {

    @Test
    void shouldUseTheDefaultsForEverythingButTheDatabase() {
        SinkConfig config = SinkConfig.fromDatabaseUrl("postgresql://u:p@h:26257/db");

        assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://h:26257/db");
        assertThat(config.user()).isEqualTo("u");
        assertThat(config.password()).isEqualTo("p");
        assertThat(config.groupId()).isEqualTo("trading-engine-sink");
        assertThat(config.batchSize()).isEqualTo(SinkConfig.DEFAULT_BATCH_SIZE);
        assertThat(config.flushInterval()).isEqualTo(SinkConfig.DEFAULT_FLUSH_INTERVAL);
        assertThat(config.target()).isEqualTo(JdbcTarget.parse("postgresql://u:p@h:26257/db"));
    }

    @Test
    void shouldRejectABatchSizeBelowOne() {
        SinkConfig config = SinkConfig.fromDatabaseUrl("postgresql://h/db");

        assertThatThrownBy(() -> config.withBatching(0, Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batchSize");
    }

    @Test
    void shouldRejectANonPositiveFlushInterval() {
        SinkConfig config = SinkConfig.fromDatabaseUrl("postgresql://h/db");

        assertThatThrownBy(() -> config.withBatching(10, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("flushInterval");
    }

    @Test
    void shouldNotShowThePasswordInToString() {
        assertThat(SinkConfig.fromDatabaseUrl("postgresql://u:hunter2@h/db").toString()).doesNotContain("hunter2");
    }
}
