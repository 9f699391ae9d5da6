package io.tradingengine.schemas.serde;

import org.apache.avro.Schema;

/**
 * What the Avro serde needs from a schema registry: register a schema under a subject (idempotent, returns the
 * global id) and fetch a schema by id. Implemented over HTTP against any Confluent-compatible registry and directly
 * by the engine's own Kafka-backed registry.
 */
public interface SchemaRegistryClient {

    /** Registers (or finds) {@code schema} under {@code subject} and returns its global id. */
    int register(String subject, Schema schema);

    /** Returns the id of {@code schema} under {@code subject} without registering; throws when it is not there. */
    int idOf(String subject, Schema schema);

    /** Returns the schema with this global id; throws {@link SchemaRegistryException} when it is unknown. */
    Schema schemaById(int id);
}
