package io.tradingengine.schemas.serde;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;

/**
 * Wraps any {@link SchemaRegistryClient} with caches of {@code (subject, schema) -> id} and {@code id -> schema},
 * so a serde asks the registry once per schema for the life of the process. Ids are immutable in a Confluent
 * registry, so entries never expire; failures are not cached. The caches are unbounded: they hold one entry per
 * schema the process uses. Thread-safe.
 */
public final class CachedSchemaRegistryClient implements SchemaRegistryClient {

    private record SubjectSchema(String subject, Schema schema) {
    }

    private final SchemaRegistryClient delegate;
    private final ConcurrentMap<SubjectSchema, Integer> ids = new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, Schema> schemas = new ConcurrentHashMap<>();

    public CachedSchemaRegistryClient(SchemaRegistryClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public int register(String subject, Schema schema) {
        // Registering a schema that is already there returns its id, so a looked-up id also answers register.
        int id = ids.computeIfAbsent(new SubjectSchema(subject, schema), k -> delegate.register(subject, schema));
        schemas.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public int idOf(String subject, Schema schema) {
        int id = ids.computeIfAbsent(new SubjectSchema(subject, schema), k -> delegate.idOf(subject, schema));
        schemas.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public Schema schemaById(int id) {
        return schemas.computeIfAbsent(id, delegate::schemaById);
    }
}
