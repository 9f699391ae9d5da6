package io.tradingengine.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes Avro specific records in the Confluent wire format. The schema id is looked up (or registered, when
 * {@code autoRegister}) once per subject and cached; after that a record costs one Avro encode.
 */
public class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private final SchemaRegistryClient registry;
    private final Schema schema;
    private final boolean autoRegister;
    private final SpecificDatumWriter<T> writer;
    private final ConcurrentMap<String, Integer> idBySubject = new ConcurrentHashMap<>();
    private final ThreadLocal<BinaryEncoder> encoders = new ThreadLocal<>();

    public AvroSerializer(SchemaRegistryClient registry, Schema schema, boolean autoRegister) {
        this.registry = registry;
        this.schema = schema;
        this.autoRegister = autoRegister;
        this.writer = new SpecificDatumWriter<>(schema, new SpecificModel());
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        int id = idBySubject.computeIfAbsent(WireFormat.valueSubject(topic), this::schemaId);
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.write(WireFormat.MAGIC_BYTE);
        out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, encoders.get());
            encoders.set(encoder);
            writer.write(data, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot serialize " + schema.getFullName() + " for topic " + topic, e);
        }
        return out.toByteArray();
    }

    private int schemaId(String subject) {
        try {
            return autoRegister ? registry.register(subject, schema) : registry.idOf(subject, schema);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Cannot resolve schema id for subject " + subject + ": "
                    + e.getMessage(), e);
        }
    }
}
