package io.tradingengine.schemas.serde;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;

/** Serde for one Avro specific record type in the Confluent wire format. */
public class AvroSerde<T extends SpecificRecord> extends Serdes.WrapperSerde<T> {

    public AvroSerde(SchemaRegistryClient registry, Schema schema, boolean autoRegister) {
        super(new AvroSerializer<>(registry, schema, autoRegister), new AvroDeserializer<>(registry, schema));
    }
}
