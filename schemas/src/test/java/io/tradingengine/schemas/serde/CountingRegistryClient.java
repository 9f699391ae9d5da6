package io.tradingengine.schemas.serde;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/** Wraps a registry client and counts the calls that reach it. */
final class CountingRegistryClient implements SchemaRegistryClient {

    final AtomicInteger registers = new AtomicInteger();
    final AtomicInteger lookups = new AtomicInteger();
    final AtomicInteger fetches = new AtomicInteger();
    private final SchemaRegistryClient delegate;

    CountingRegistryClient(SchemaRegistryClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public int register(String subject, Schema schema) {
        registers.incrementAndGet();
        return delegate.register(subject, schema);
    }

    @Override
    public int idOf(String subject, Schema schema) {
        lookups.incrementAndGet();
        return delegate.idOf(subject, schema);
    }

    @Override
    public Schema schemaById(int id) {
        fetches.incrementAndGet();
        return delegate.schemaById(id);
    }
}
