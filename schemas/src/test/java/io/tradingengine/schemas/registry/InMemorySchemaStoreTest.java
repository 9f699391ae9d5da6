package io.tradingengine.schemas.registry;

/** The registry contract on the in-memory store. */
class InMemorySchemaStoreTest extends SchemaStoreContract {

    @Override
    protected SchemaStore store() {
        return new InMemorySchemaStore();
    }
}
