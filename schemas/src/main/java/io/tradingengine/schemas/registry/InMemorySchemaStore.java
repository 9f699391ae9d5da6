package io.tradingengine.schemas.registry;

/**
 * A schema store held in memory: the same records, rules, ids and versions as the Kafka-backed store (both fold
 * their records with {@link SchemaLog}), for unit tests and TopologyTestDriver runs where no broker is around.
 * Thread-safe.
 */
public class InMemorySchemaStore extends LogSchemaStore {

    private long next;

    @Override
    synchronized long append(byte[] key, byte[] value) {
        // The in-memory "topic": a record is folded the moment it is appended.
        log.apply(key, value);
        return next++;
    }

    @Override
    void awaitApplied(long offset) {
        // Appends apply synchronously.
    }

    @Override
    void catchUp() {
        // Appends apply synchronously.
    }
}
