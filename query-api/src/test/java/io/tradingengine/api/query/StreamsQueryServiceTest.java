package io.tradingengine.api.query;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingengine.topology.StoreNames;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads before the streams run must answer "unavailable", never empty (which would read as 404). */
class StreamsQueryServiceTest {

    @TempDir
    Path stateDir;

    private KafkaStreams streams;
    private StreamsQueryService queries;

    @BeforeEach
    void create() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("assessments", Consumed.with(Serdes.String(), Serdes.String()),
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(StoreNames.ASSESSMENTS));
        builder.globalTable("prices", Consumed.with(Serdes.String(), Serdes.String()),
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(StoreNames.PRICES));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "query-service-test");
        // Never contacted: the instance is created, not started.
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        streams = new KafkaStreams(builder.build(), props);
        queries = new StreamsQueryService(streams, null);
    }

    @AfterEach
    void close() {
        streams.close();
    }

    @Test
    void shouldAnswerUnavailableForAnAssessmentBeforeTheStreamsStart() {
        assertThatThrownBy(() -> queries.account("A1")).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void shouldAnswerUnavailableForPricesAndResultsBeforeTheStreamsStart() {
        assertThatThrownBy(() -> queries.price("BTC/USD")).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> queries.markets()).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> queries.orderResult("o1")).isInstanceOf(StoreUnavailableException.class);
    }
}
