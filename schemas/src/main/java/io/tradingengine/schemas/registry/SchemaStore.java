package io.tradingengine.schemas.registry;

import io.tradingengine.schemas.serde.SchemaRegistryClient;
import io.tradingengine.schemas.serde.SchemaRegistryException;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The registry's backend: subjects, versions, global ids, soft and permanent deletes and compatibility levels. The
 * REST layer under {@code /registry} serves it in the Confluent Schema Registry API; the engine's own serdes use it
 * directly as their {@link SchemaRegistryClient}. Ids are global: the same schema (by canonical form) keeps its id
 * across subjects. Failures are {@link SchemaRegistryException}s carrying Confluent's error codes.
 */
public interface SchemaStore extends SchemaRegistryClient {

    /** Confluent: the subject does not exist. */
    int SUBJECT_NOT_FOUND = 40401;
    /** Confluent: the version does not exist. */
    int VERSION_NOT_FOUND = 40402;
    /** Confluent: the schema does not exist. */
    int SCHEMA_NOT_FOUND = 40403;
    /** Confluent: the subject was soft-deleted (a second soft delete). */
    int SUBJECT_SOFT_DELETED = 40404;
    /** Confluent: a permanent delete of a subject that was not soft-deleted first. */
    int SUBJECT_NOT_SOFT_DELETED = 40405;
    /** Confluent: the version was soft-deleted (a second soft delete). */
    int VERSION_SOFT_DELETED = 40406;
    /** Confluent: a permanent delete of a version that was not soft-deleted first. */
    int VERSION_NOT_SOFT_DELETED = 40407;
    /** Confluent: the subject has no compatibility level of its own. */
    int SUBJECT_LEVEL_NOT_CONFIGURED = 40408;
    /** Confluent: the schema is incompatible with earlier versions. */
    int INCOMPATIBLE = 409;

    /** Subjects with at least one live version, sorted. */
    default List<String> subjects() {
        return subjects(false);
    }

    /** Subjects with a live version, or any version when {@code includeDeleted}; sorted. */
    List<String> subjects(boolean includeDeleted);

    /** Live versions of the subject in ascending order; empty when the subject is unknown. */
    default List<Integer> versions(String subject) {
        return versions(subject, false);
    }

    /** Versions of the subject in ascending order, soft-deleted ones too when {@code includeDeleted}. */
    List<Integer> versions(String subject, boolean includeDeleted);

    /** A live version. */
    default Optional<SchemaVersion> version(String subject, int version) {
        return version(subject, version, false);
    }

    /** A version, soft-deleted or not when {@code includeDeleted}. */
    Optional<SchemaVersion> version(String subject, int version, boolean includeDeleted);

    /** The latest live version. */
    Optional<SchemaVersion> latest(String subject);

    /** The live version of {@code subject} that holds {@code schema} (by canonical form), if any. */
    default Optional<SchemaVersion> lookup(String subject, Schema schema) {
        return lookup(subject, schema, false);
    }

    /** The version of {@code subject} holding {@code schema}, looking at soft-deleted ones when asked. */
    Optional<SchemaVersion> lookup(String subject, Schema schema, boolean includeDeleted);

    /**
     * Registers and returns the version; the same schema twice returns the existing version.
     *
     * @throws SchemaRegistryException {@link #INCOMPATIBLE} when the subject's compatibility level refuses it
     */
    SchemaVersion registerVersion(String subject, Schema schema);

    /** Subjects under which the schema with this id is registered (live versions). */
    List<String> subjectsOf(int id);

    /** The live subject versions holding the schema with this id. */
    List<SchemaVersion> versionsOf(int id);

    /**
     * Deletes every version of the subject: soft (kept, flagged, ids still resolve) or, after a soft delete,
     * permanently. Returns the versions deleted.
     */
    List<Integer> deleteSubject(String subject, boolean permanent);

    /** Deletes one version, soft or (after a soft delete) permanently; returns the version. */
    int deleteVersion(String subject, int version, boolean permanent);

    /** The level set on {@code subject}, or the global setting when {@code subject} is null; empty when unset. */
    Optional<CompatibilityLevel> compatibility(String subject);

    /** The level that applies to the subject: its own, else the global one, else {@link CompatibilityLevel#DEFAULT}. */
    default CompatibilityLevel effectiveCompatibility(String subject) {
        return compatibility(subject).or(() -> compatibility(null)).orElse(CompatibilityLevel.DEFAULT);
    }

    /** Sets the level of {@code subject} (global when null). */
    void setCompatibility(String subject, CompatibilityLevel level);

    /** Removes the level of {@code subject} (global when null); returns the level removed, if any. */
    Optional<CompatibilityLevel> clearCompatibility(String subject);

    /**
     * The incompatibilities of {@code schema} with the subject at its effective level: against {@code version}, or
     * the live versions the level looks at when {@code version} is null (latest). Empty when compatible.
     */
    List<String> checkCompatibility(String subject, Schema schema, Integer version);

    @Override
    default int register(String subject, Schema schema) {
        return registerVersion(subject, schema).id();
    }

    @Override
    default int idOf(String subject, Schema schema) {
        return lookup(subject, schema)
                .orElseThrow(() -> new SchemaRegistryException(SCHEMA_NOT_FOUND,
                        "Schema not found under subject " + subject))
                .id();
    }
}
