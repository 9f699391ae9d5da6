package io.tradingengine.schemas.registry;

import io.tradingengine.schemas.serde.SchemaRegistryException;
import org.apache.avro.Schema;

/** Parses schema text sent to the registry; text Avro cannot parse is Confluent's 42201 "Invalid schema". */
public final class AvroSchemaParser {

    /** Confluent's error code for a schema that cannot be parsed. */
    public static final int INVALID_SCHEMA = 42201;

    private AvroSchemaParser() {
    }

    /**
     * Parses one self-contained Avro schema (no references), validating defaults.
     *
     * @throws SchemaRegistryException with {@link #INVALID_SCHEMA} when the text is not a valid Avro schema
     */
    public static Schema parse(String text) {
        if (text == null || text.isBlank()) {
            throw new SchemaRegistryException(INVALID_SCHEMA, "Invalid schema: empty");
        }
        try {
            // A fresh parser per call: parsers remember named types, which would leak between unrelated schemas.
            return new Schema.Parser().setValidateDefaults(true).parse(text);
        } catch (RuntimeException e) {
            // Avro signals bad input with several unchecked types (SchemaParseException, AvroTypeException, ...).
            throw new SchemaRegistryException(INVALID_SCHEMA, "Invalid schema: " + e.getMessage(), e);
        }
    }
}
