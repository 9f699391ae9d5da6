package io.tradingengine.schemas.registry;

import org.apache.avro.Schema;

/**
 * One {@code SCHEMA} record of the {@code _schemas} topic as the store holds it: a subject version, its global id,
 * the schema with its canonical text, and Confluent's soft-delete flag.
 */
record StoredSchema(String subject, int version, int id, Schema schema, String canonical, boolean deleted) {

    static StoredSchema of(String subject, int version, int id, Schema schema, boolean deleted) {
        return new StoredSchema(subject, version, id, schema, Canonical.of(schema), deleted);
    }

    SchemaVersion toVersion() {
        return new SchemaVersion(subject, version, id, schema);
    }

    /** Same subject version, id and schema; only the deleted flag may differ. */
    boolean sameRegistration(StoredSchema other) {
        return subject.equals(other.subject) && version == other.version && id == other.id
                && canonical.equals(other.canonical);
    }
}
