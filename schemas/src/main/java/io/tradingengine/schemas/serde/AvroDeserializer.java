package io.tradingengine.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format Avro into a specific record class. The writer's schema is fetched by id (cached) and
 * resolved to the reader's schema, so records written with an older or newer compatible schema are read.
 */
public class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private final SchemaRegistryClient registry;
    private final Schema readerSchema;
    private final ConcurrentMap<Integer, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();
    private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();
    private final SpecificModel model = new SpecificModel();

    public AvroDeserializer(SchemaRegistryClient registry, Schema readerSchema) {
        this.registry = registry;
        this.readerSchema = readerSchema;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length < WireFormat.HEADER_SIZE || data[0] != WireFormat.MAGIC_BYTE) {
            throw new SerializationException("Unknown magic byte or short record on topic " + topic
                    + ": not Confluent wire-format Avro");
        }
        int id = ByteBuffer.wrap(data, 1, 4).getInt();
        try {
            SpecificDatumReader<T> reader = readers.computeIfAbsent(id, this::readerFor);
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, WireFormat.HEADER_SIZE,
                    data.length - WireFormat.HEADER_SIZE, decoders.get());
            decoders.set(decoder);
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot deserialize " + readerSchema.getFullName() + " with schema id "
                    + id + " from topic " + topic + ": " + e.getMessage(), e);
        }
    }

    private SpecificDatumReader<T> readerFor(int id) {
        Schema writerSchema = registry.schemaById(id);
        return new SpecificDatumReader<>(writerSchema, readerSchema, model);
    }
}
