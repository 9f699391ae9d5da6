package io.tradingengine.schemas.serde;

import io.tradingengine.avro.PriceTick;
import io.tradingengine.schemas.Decimals;
import io.tradingengine.schemas.registry.InMemorySchemaStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the registry serde costs per record on top of plain Avro binary encoding: one {@link PriceTick} (three
 * decimals, two strings, a timestamp) written and read with the serde (Confluent wire format, schema id from the
 * serializer's cache, writer schema resolved by id from the deserializer's cache) and with a bare
 * {@link SpecificDatumWriter}/{@link SpecificDatumReader} on the same model. The registry is only asked once, in
 * {@link #setUp()}.
 *
 * <p>Run: see {@link SerdeBenchmarkMain}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SerdeBenchmark {

    private final PriceTick tick = PriceTick.newBuilder().setMarket("BTC/USD").setSource("simulated")
            .setBid(Decimals.wire(new BigDecimal("64990.5"))).setAsk(Decimals.wire(new BigDecimal("65010.25")))
            .setLast(Decimals.wire(new BigDecimal("65000"))).setTimestamp(Instant.parse("2026-01-01T00:00:00Z"))
            .build();
    private final InMemorySchemaStore registry = new InMemorySchemaStore();
    private final AvroSerializer<PriceTick> serializer = new AvroSerializer<>(registry, PriceTick.getClassSchema(),
            true);
    private final AvroDeserializer<PriceTick> deserializer = new AvroDeserializer<>(registry,
            PriceTick.getClassSchema());
    private final SpecificDatumWriter<PriceTick> writer = new SpecificDatumWriter<>(PriceTick.getClassSchema(),
            new SpecificModel());
    private final SpecificDatumReader<PriceTick> reader = new SpecificDatumReader<>(PriceTick.getClassSchema(),
            PriceTick.getClassSchema(), new SpecificModel());
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    private BinaryEncoder encoder;
    private BinaryDecoder decoder;
    private byte[] framed;
    private byte[] plain;

    @Setup
    public void setUp() throws IOException {
        // First calls register the schema and fill the id caches; the benchmarks measure the steady state.
        framed = serializer.serialize("prices", tick);
        deserializer.deserialize("prices", framed);
        plain = plainEncode();
    }

    @Benchmark
    public byte[] plainAvroEncode() throws IOException {
        return plainEncode();
    }

    @Benchmark
    public byte[] serdeSerialize() {
        return serializer.serialize("prices", tick);
    }

    @Benchmark
    public PriceTick plainAvroDecode() throws IOException {
        decoder = DecoderFactory.get().binaryDecoder(plain, decoder);
        return reader.read(null, decoder);
    }

    @Benchmark
    public PriceTick serdeDeserialize() {
        return deserializer.deserialize("prices", framed);
    }

    private byte[] plainEncode() throws IOException {
        out.reset();
        encoder = EncoderFactory.get().directBinaryEncoder(out, encoder);
        writer.write(tick, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
