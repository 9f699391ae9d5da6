package io.tradingengine.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingengine.embedded.EmbeddedKafka;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry contract on the Kafka-backed store and a real embedded broker, each test on its own schemas topic;
 * plus what only a log shows: deletes and compatibility levels survive a restart and reach a second instance.
 */
class KafkaSchemaStoreContractIT extends SchemaStoreContract {

    @TempDir
    static Path sharedDir;

    private static EmbeddedKafka kafka;
    private static final AtomicInteger TOPICS = new AtomicInteger();

    private final List<KafkaSchemaStore> opened = new ArrayList<>();
    private String topic;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start(sharedDir.resolve("kafka"), 0);
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @AfterEach
    void closeStores() {
        opened.forEach(KafkaSchemaStore::close);
    }

    @Override
    protected SchemaStore store() {
        topic = "_schemas-contract-" + TOPICS.incrementAndGet();
        return open();
    }

    private KafkaSchemaStore open() {
        KafkaSchemaStore store = KafkaSchemaStore.start(kafka.bootstrapServers(), topic, Map.of());
        opened.add(store);
        return store;
    }

    @Test
    void shouldKeepIdsDeletesAndLevelsAcrossARestartAndOnASecondInstance() {
        SchemaStore first = store();
        SchemaVersion v1 = first.registerVersion("t-value", V1);
        SchemaVersion v2 = first.registerVersion("t-value", ADD_OPTIONAL);
        first.registerVersion("u-value", PRICE_AS_STRING);
        first.deleteVersion("t-value", 1, false);
        first.setCompatibility("t-value", CompatibilityLevel.FULL_TRANSITIVE);
        first.setCompatibility(null, CompatibilityLevel.NONE);
        ((KafkaSchemaStore) first).close();

        KafkaSchemaStore reopened = open();
        KafkaSchemaStore second = open();

        for (SchemaStore store : List.of(reopened, second)) {
            assertThat(store.versions("t-value")).containsExactly(2);
            assertThat(store.version("t-value", 1, true)).contains(v1);
            assertThat(store.schemaById(v1.id())).isEqualTo(V1);
            assertThat(store.schemaById(v2.id())).isEqualTo(ADD_OPTIONAL);
            assertThat(store.compatibility("t-value")).contains(CompatibilityLevel.FULL_TRANSITIVE);
            assertThat(store.compatibility(null)).contains(CompatibilityLevel.NONE);
        }
        // A new schema after the restart takes a fresh id, never one already handed out.
        SchemaVersion next = reopened.registerVersion("w-value", REMOVE_PRICE);
        assertThat(next.id()).isGreaterThan(Math.max(v1.id(), v2.id()));
        assertThat(second.schemaById(next.id())).isEqualTo(REMOVE_PRICE);
    }
}
