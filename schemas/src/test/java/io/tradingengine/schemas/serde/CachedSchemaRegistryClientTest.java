package io.tradingengine.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingengine.avro.Market;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.schemas.Decimals;
import io.tradingengine.schemas.registry.InMemorySchemaStore;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CachedSchemaRegistryClientTest {

    private final InMemorySchemaStore store = new InMemorySchemaStore();
    private final CountingRegistryClient registry = new CountingRegistryClient(store);
    private final CachedSchemaRegistryClient cached = new CachedSchemaRegistryClient(registry);

    @Test
    void shouldRegisterEachSubjectAndSchemaOnce() {
        int first = cached.register("prices-value", PriceTick.getClassSchema());
        int again = cached.register("prices-value", PriceTick.getClassSchema());
        int other = cached.register("markets-value", Market.getClassSchema());

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(registry.registers).hasValue(2);
    }

    @Test
    void shouldAnswerARegistrationFromAnEarlierLookup() {
        int id = store.register("prices-value", PriceTick.getClassSchema());

        assertThat(cached.idOf("prices-value", PriceTick.getClassSchema())).isEqualTo(id);
        assertThat(cached.idOf("prices-value", PriceTick.getClassSchema())).isEqualTo(id);
        assertThat(cached.register("prices-value", PriceTick.getClassSchema())).isEqualTo(id);
        assertThat(registry.lookups).hasValue(1);
        assertThat(registry.registers).hasValue(0);
    }

    @Test
    void shouldFetchEachSchemaByIdOnce() {
        int id = store.register("prices-value", PriceTick.getClassSchema());

        assertThat(cached.schemaById(id)).isEqualTo(PriceTick.getClassSchema());
        assertThat(cached.schemaById(id)).isEqualTo(PriceTick.getClassSchema());
        assertThat(registry.fetches).hasValue(1);
    }

    @Test
    void shouldNotCacheFailures() {
        assertThatThrownBy(() -> cached.idOf("prices-value", PriceTick.getClassSchema()))
                .isInstanceOf(SchemaRegistryException.class);
        assertThatThrownBy(() -> cached.schemaById(7)).isInstanceOf(SchemaRegistryException.class);
        int id = store.register("prices-value", PriceTick.getClassSchema());

        assertThat(cached.idOf("prices-value", PriceTick.getClassSchema())).isEqualTo(id);
        assertThat(cached.schemaById(id)).isEqualTo(PriceTick.getClassSchema());
        assertThat(registry.lookups).hasValue(2);
    }

    @Test
    void shouldLetASerdeCallTheRegistryOncePerSchemaHoweverManyRecordsItHandles() {
        CountingRegistryClient consumerSide = new CountingRegistryClient(store);
        AvroSerializer<PriceTick> serializer = new AvroSerializer<>(cached, PriceTick.getClassSchema(), true);
        AvroDeserializer<PriceTick> deserializer = new AvroDeserializer<>(
                new CachedSchemaRegistryClient(consumerSide), PriceTick.getClassSchema());

        for (int i = 0; i < 100; i++) {
            PriceTick tick = PriceTick.newBuilder().setMarket("BTC/USD").setSource("simulated")
                    .setLast(Decimals.wire(BigDecimal.valueOf(65_000 + i))).setTimestamp(Instant.EPOCH).build();
            assertThat(deserializer.deserialize("prices", serializer.serialize("prices", tick))).isEqualTo(tick);
        }

        assertThat(registry.registers).hasValue(1);
        assertThat(consumerSide.fetches).hasValue(1);
    }
}
