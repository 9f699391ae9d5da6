package io.tradingengine.schemas.registry;

import io.tradingengine.schemas.serde.SchemaRegistryClient;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The registry's backend: subjects, versions and global ids. The REST layer under {@code /registry} serves it in
 * the Confluent Schema Registry API; the engine's own serdes use it directly as their {@link SchemaRegistryClient}.
 * Ids are global: the same schema (by canonical form) keeps its id across subjects.
 */
public interface SchemaStore extends SchemaRegistryClient {

    List<String> subjects();

    /** Versions of the subject in ascending order; empty when the subject is unknown. */
    List<Integer> versions(String subject);

    Optional<SchemaVersion> version(String subject, int version);

    Optional<SchemaVersion> latest(String subject);

    /** The version of {@code subject} that holds {@code schema} (by canonical form), if any. */
    Optional<SchemaVersion> lookup(String subject, Schema schema);

    /** Registers and returns the version; the same schema twice returns the existing version. */
    SchemaVersion registerVersion(String subject, Schema schema);

    /** Subjects under which the schema with this id is registered. */
    List<String> subjectsOf(int id);

    @Override
    default int register(String subject, Schema schema) {
        return registerVersion(subject, schema).id();
    }

    @Override
    default int idOf(String subject, Schema schema) {
        return lookup(subject, schema)
                .orElseThrow(() -> new io.tradingengine.schemas.serde.SchemaRegistryException(40403,
                        "Schema not found under subject " + subject))
                .id();
    }
}
