package io.tradingengine.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingengine.avro.Assessment;
import io.tradingengine.avro.DrawdownMode;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.avro.Rules;
import io.tradingengine.schemas.Decimals;
import io.tradingengine.schemas.registry.InMemorySchemaStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    private static final String TOPIC = "prices";
    private static final Instant AT = Instant.parse("2025-03-01T12:00:00.123Z");

    private final InMemorySchemaStore store = new InMemorySchemaStore();

    @Test
    void shouldReadBackAPriceTickWithItsDecimalsAndTimestamp() {
        AvroSerde<PriceTick> serde = new AvroSerde<>(store, PriceTick.getClassSchema(), true);
        PriceTick tick = tick(new BigDecimal("64999.5"), new BigDecimal("65000.25"), null);

        byte[] bytes = serde.serializer().serialize(TOPIC, tick);
        PriceTick read = serde.deserializer().deserialize(TOPIC, bytes);

        assertThat(read).isEqualTo(tick);
        assertThat(read.getBid()).isEqualTo(new BigDecimal("64999.500000000000000000"));
        assertThat(read.getLast()).isNull();
        assertThat(read.getTimestamp()).isEqualTo(AT);
    }

    @Test
    void shouldReadBackNestedRecordsAndEnumsWithoutAJvmWideAvroTrustSetting() {
        AvroSerde<Assessment> serde = new AvroSerde<>(store, Assessment.getClassSchema(), true);
        Assessment assessment = Assessment.newBuilder().setAssessmentId("a-1").setUserId("trader-1")
                .setStartingBalance(Decimals.wire(new BigDecimal("100000")))
                .setRules(Rules.newBuilder().setDrawdownMode(DrawdownMode.TRAILING)
                        .setMaxDrawdownPercent(Decimals.wire(BigDecimal.TEN)).setDailyResetTime("17:00")
                        .setDailyResetZone("America/New_York").build())
                .setCreatedAt(AT).build();

        Assessment read = serde.deserializer().deserialize("assessments",
                serde.serializer().serialize("assessments", assessment));

        assertThat(System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES")).isNull();
        assertThat(read).isEqualTo(assessment);
        assertThat(read.getRules().getDrawdownMode()).isEqualTo(DrawdownMode.TRAILING);
    }

    @Test
    void shouldWriteTheConfluentHeaderWithTheRegisteredId() {
        store.registerVersion("other-value", io.tradingengine.avro.Market.getClassSchema());
        AvroSerializer<PriceTick> serializer = new AvroSerializer<>(store, PriceTick.getClassSchema(), true);

        byte[] bytes = serializer.serialize(TOPIC, tick(BigDecimal.ONE, BigDecimal.TEN, null));

        int id = store.idOf("prices-value", PriceTick.getClassSchema());
        assertThat(id).isEqualTo(2);
        assertThat(bytes[0]).isEqualTo(WireFormat.MAGIC_BYTE);
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
        assertThat(store.latest("prices-value")).get().extracting(v -> v.version()).isEqualTo(1);
    }

    @Test
    void shouldReadRecordsWrittenWithANewerSchemaIntoAConsumerOnAnOlderOne() {
        AvroSerializer<PriceTick> newer = new AvroSerializer<>(store, PriceTick.getClassSchema(), true);
        AvroDeserializer<PriceTickV1> older = new AvroDeserializer<>(store, PriceTickV1.SCHEMA$);

        PriceTickV1 read = older.deserialize(TOPIC, newer.serialize(TOPIC,
                tick(new BigDecimal("0.41"), new BigDecimal("0.43"), new BigDecimal("0.42"))));

        assertThat(PriceTickV1.SCHEMA$.getField("last")).isNull();
        assertThat(read.market()).isEqualTo("BTC/USD");
        assertThat(read.source()).isEqualTo("simulated");
        assertThat(read.bid()).isEqualByComparingTo("0.41");
        assertThat(read.ask()).isEqualByComparingTo("0.43");
        assertThat(read.timestamp()).isEqualTo(AT);
    }

    @Test
    void shouldReadRecordsOfAProducerOnANewerSchemaIntoTheGeneratedClass() throws IOException {
        Schema newer = withOptionalDecimal(PriceTick.getClassSchema(), "volume");
        int id = store.register("prices-value", newer);
        GenericRecord record = new GenericData.Record(newer);
        record.put("market", "ETH/USD");
        record.put("source", "node-producer");
        record.put("bid", decimalBytes(newer, "bid", new BigDecimal("3000.1")));
        record.put("volume", decimalBytes(newer, "volume", new BigDecimal("12.5")));
        record.put("timestamp", AT.toEpochMilli());

        PriceTick read = new AvroDeserializer<PriceTick>(store, PriceTick.getClassSchema())
                .deserialize(TOPIC, confluentBytes(id, newer, record));

        assertThat(read.getMarket()).isEqualTo("ETH/USD");
        assertThat(read.getBid()).isEqualByComparingTo("3000.1");
        assertThat(read.getAsk()).isNull();
        assertThat(read.getTimestamp()).isEqualTo(AT);
    }

    @Test
    void shouldRejectARecordWhoseFirstByteIsNotTheMagicByte() {
        byte[] bytes = new AvroSerializer<PriceTick>(store, PriceTick.getClassSchema(), true)
                .serialize(TOPIC, tick(BigDecimal.ONE, BigDecimal.TEN, null));
        bytes[0] = 1;
        AvroDeserializer<PriceTick> deserializer = new AvroDeserializer<>(store, PriceTick.getClassSchema());

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("magic byte");
    }

    @Test
    void shouldRejectARecordShorterThanTheHeader() {
        AvroDeserializer<PriceTick> deserializer = new AvroDeserializer<>(store, PriceTick.getClassSchema());

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] {0, 0, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("magic byte");
    }

    @Test
    void shouldRejectARecordWithAnUnknownSchemaId() {
        byte[] bytes = new AvroSerializer<PriceTick>(store, PriceTick.getClassSchema(), true)
                .serialize(TOPIC, tick(BigDecimal.ONE, BigDecimal.TEN, null));
        ByteBuffer.wrap(bytes, 1, 4).putInt(99);
        AvroDeserializer<PriceTick> deserializer = new AvroDeserializer<>(store, PriceTick.getClassSchema());

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("schema id 99");
    }

    @Test
    void shouldRefuseToWriteWhenAutoRegistrationIsOffAndTheSchemaIsNotRegistered() {
        AvroSerializer<PriceTick> serializer = new AvroSerializer<>(store, PriceTick.getClassSchema(), false);

        assertThatThrownBy(() -> serializer.serialize(TOPIC, tick(BigDecimal.ONE, BigDecimal.TEN, null)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("prices-value");
        assertThat(store.subjects()).isEmpty();
    }

    @Test
    void shouldWriteWithTheRegisteredIdWhenAutoRegistrationIsOff() {
        int id = store.register("prices-value", PriceTick.getClassSchema());
        byte[] bytes = new AvroSerializer<PriceTick>(store, PriceTick.getClassSchema(), false)
                .serialize(TOPIC, tick(BigDecimal.ONE, BigDecimal.TEN, null));

        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
    }

    @Test
    void shouldPassNullsThrough() {
        AvroSerde<PriceTick> serde = new AvroSerde<>(store, PriceTick.getClassSchema(), true);

        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }

    @Test
    void shouldRefuseADecimalWithMoreFractionDigitsThanTheWireScale() {
        AvroSerializer<PriceTick> serializer = new AvroSerializer<>(store, PriceTick.getClassSchema(), true);
        PriceTick tick = tick(BigDecimal.ONE, BigDecimal.TEN, null);
        tick.setBid(new BigDecimal("1.0000000000000000001"));

        assertThatThrownBy(() -> serializer.serialize(TOPIC, tick)).isInstanceOf(SerializationException.class);
    }

    private static PriceTick tick(BigDecimal bid, BigDecimal ask, BigDecimal last) {
        return PriceTick.newBuilder().setMarket("BTC/USD").setSource("simulated").setBid(Decimals.wire(bid))
                .setAsk(Decimals.wire(ask)).setLast(Decimals.wire(last)).setTimestamp(AT).build();
    }

    /** The generated schema plus an optional decimal field, as a producer on a newer release would have it. */
    private static Schema withOptionalDecimal(Schema generated, String name) {
        List<Schema.Field> fields = new ArrayList<>();
        generated.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        Schema decimal = LogicalTypes.decimal(38, 18).addToSchema(Schema.create(Schema.Type.BYTES));
        fields.add(new Schema.Field(name, Schema.createUnion(Schema.create(Schema.Type.NULL), decimal), null,
                Schema.Field.NULL_DEFAULT_VALUE));
        return Schema.createRecord(generated.getName(), generated.getDoc(), generated.getNamespace(), false, fields);
    }

    private static ByteBuffer decimalBytes(Schema schema, String field, BigDecimal value) {
        Schema decimal = schema.getField(field).schema().getTypes().get(1);
        return new Conversions.DecimalConversion().toBytes(Decimals.wire(value), decimal, decimal.getLogicalType());
    }

    private static byte[] confluentBytes(int id, Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(WireFormat.MAGIC_BYTE);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        byte[] bytes = out.toByteArray();
        return Arrays.copyOf(bytes, bytes.length);
    }
}
