package io.tradingengine.schemas.registry;

import io.tradingengine.schemas.serde.SchemaRegistryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's rules over an append-only log of {@code _schemas} records folded by a {@link SchemaLog}: reads from
 * the folded state, writes as records appended to the log and read back. Subclasses say how a record is appended
 * and how the fold catches up with the log (Kafka, or memory).
 */
abstract class LogSchemaStore implements SchemaStore {

    private static final Logger LOG = LoggerFactory.getLogger(LogSchemaStore.class);
    private static final int MAX_ATTEMPTS = 10;
    static final int STORE_ERROR = 50001;

    final SchemaLog log = new SchemaLog();
    private final ReentrantLock writeLock = new ReentrantLock();

    /** Appends one record (null value: a tombstone) and returns its offset. */
    abstract long append(byte[] key, byte[] value);

    /** Waits until the fold has applied every record before {@code offset}. */
    abstract void awaitApplied(long offset);

    /** Waits until the fold has applied every record in the log now. */
    abstract void catchUp();

    @Override
    public List<String> subjects(boolean includeDeleted) {
        return log.subjects(includeDeleted);
    }

    @Override
    public List<Integer> versions(String subject, boolean includeDeleted) {
        return includeDeleted ? log.all(subject).stream().map(StoredSchema::version).toList()
                : log.versions(subject);
    }

    @Override
    public Optional<SchemaVersion> version(String subject, int version, boolean includeDeleted) {
        Optional<StoredSchema> stored = find(subject, version, includeDeleted);
        if (stored.isEmpty()) {
            // Maybe registered a moment ago by another instance.
            catchUp();
            stored = find(subject, version, includeDeleted);
        }
        return stored.map(StoredSchema::toVersion);
    }

    @Override
    public Optional<SchemaVersion> latest(String subject) {
        return log.latest(subject).map(StoredSchema::toVersion);
    }

    @Override
    public Optional<SchemaVersion> lookup(String subject, Schema schema, boolean includeDeleted) {
        String canonical = Canonical.of(schema);
        Optional<StoredSchema> stored = lookupStored(subject, canonical, includeDeleted);
        if (stored.isEmpty()) {
            catchUp();
            stored = lookupStored(subject, canonical, includeDeleted);
        }
        return stored.map(StoredSchema::toVersion);
    }

    @Override
    public List<String> subjectsOf(int id) {
        return log.subjectsOf(id);
    }

    @Override
    public List<SchemaVersion> versionsOf(int id) {
        return log.versionsOf(id).stream().map(StoredSchema::toVersion).toList();
    }

    @Override
    public Schema schemaById(int id) {
        Optional<Schema> schema = log.schemaById(id);
        if (schema.isEmpty()) {
            catchUp();
            schema = log.schemaById(id);
        }
        return schema.orElseThrow(() -> new SchemaRegistryException(SCHEMA_NOT_FOUND, "Schema " + id + " not found"));
    }

    /**
     * Registers {@code schema} under {@code subject}, or returns the live version that already holds it.
     *
     * @throws SchemaRegistryException 409 when incompatible, 42201 when the schema does not survive a round trip
     *     through its JSON text, 50001 when the log cannot be written, 50002 when the fold does not catch up in time
     */
    @Override
    public SchemaVersion registerVersion(String subject, Schema schema) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
        // What every reader will parse back from the topic; a schema that does not survive it is refused up front.
        Schema checked = AvroSchemaParser.parse(Canonical.of(schema));
        String canonical = Canonical.of(checked);
        writeLock.lock();
        try {
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                catchUp();
                Optional<StoredSchema> existing = log.lookup(subject, canonical);
                if (existing.isPresent()) {
                    return existing.get().toVersion();
                }
                List<String> incompatibilities = Compatibility.check(effectiveCompatibility(subject), checked,
                        live(subject));
                if (!incompatibilities.isEmpty()) {
                    throw new SchemaRegistryException(INCOMPATIBLE, "Schema being registered is incompatible with"
                            + " an earlier schema for subject \"" + subject + "\", details: " + incompatibilities);
                }
                StoredSchema planned = log.plan(subject, checked);
                awaitApplied(append(SchemaTopicRecords.schemaKey(subject, planned.version()),
                        SchemaTopicRecords.schemaValue(planned)) + 1);
                Optional<StoredSchema> accepted = log.accepted(subject, planned.version());
                if (accepted.isPresent() && accepted.get().sameRegistration(planned)) {
                    return accepted.get().toVersion();
                }
                if (accepted.isPresent()) {
                    // Our record shares its key with the winner's; compaction keeps the last record of a key, so
                    // write the winner again after ours.
                    awaitApplied(append(SchemaTopicRecords.schemaKey(subject, planned.version()),
                            SchemaTopicRecords.schemaValue(accepted.get())) + 1);
                }
                LOG.info("Registration of {} version {} with id {} lost a race with another instance, attempt {}",
                        subject, planned.version(), planned.id(), attempt);
            }
        } finally {
            writeLock.unlock();
        }
        throw new SchemaRegistryException(STORE_ERROR, "Could not register a schema under " + subject + " after "
                + MAX_ATTEMPTS + " attempts: other instances kept registering at the same time");
    }

    @Override
    public List<Integer> deleteSubject(String subject, boolean permanent) {
        writeLock.lock();
        try {
            catchUp();
            List<StoredSchema> all = log.all(subject);
            if (all.isEmpty()) {
                throw subjectNotFound(subject);
            }
            boolean anyLive = all.stream().anyMatch(v -> !v.deleted());
            if (!permanent && !anyLive) {
                throw new SchemaRegistryException(SUBJECT_SOFT_DELETED, "Subject '" + subject
                        + "' was soft deleted.Set permanent=true to delete permanently");
            }
            if (permanent && anyLive) {
                throw new SchemaRegistryException(SUBJECT_NOT_SOFT_DELETED, "Subject '" + subject
                        + "' was not deleted first before being permanently deleted");
            }
            List<Integer> deleted = new ArrayList<>();
            long last = -1;
            for (StoredSchema stored : all) {
                last = permanent ? tombstone(stored) : softDelete(stored);
                deleted.add(stored.version());
            }
            if (permanent && log.config(subject).isPresent()) {
                // A subject deleted for good forgets its own compatibility level too, as in Confluent.
                last = append(SchemaTopicRecords.configKey(subject), null);
            }
            awaitApplied(last + 1);
            return deleted;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public int deleteVersion(String subject, int version, boolean permanent) {
        writeLock.lock();
        try {
            catchUp();
            if (log.all(subject).isEmpty()) {
                throw subjectNotFound(subject);
            }
            StoredSchema stored = log.accepted(subject, version).orElseThrow(() -> versionNotFound(version));
            if (!permanent && stored.deleted()) {
                throw new SchemaRegistryException(VERSION_SOFT_DELETED, "Subject '" + subject + "' Version "
                        + version + " was soft deleted.Set permanent=true to delete permanently");
            }
            if (permanent && !stored.deleted()) {
                throw new SchemaRegistryException(VERSION_NOT_SOFT_DELETED, "Subject '" + subject + "' Version "
                        + version + " was not deleted first before being permanently deleted");
            }
            awaitApplied((permanent ? tombstone(stored) : softDelete(stored)) + 1);
            return version;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public Optional<CompatibilityLevel> compatibility(String subject) {
        return log.config(subject);
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        Objects.requireNonNull(level, "level");
        awaitApplied(append(SchemaTopicRecords.configKey(subject), SchemaTopicRecords.configValue(level)) + 1);
    }

    @Override
    public Optional<CompatibilityLevel> clearCompatibility(String subject) {
        writeLock.lock();
        try {
            catchUp();
            Optional<CompatibilityLevel> previous = log.config(subject);
            if (previous.isPresent()) {
                awaitApplied(append(SchemaTopicRecords.configKey(subject), null) + 1);
            }
            return previous;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public List<String> checkCompatibility(String subject, Schema schema, Integer version) {
        catchUp();
        List<SchemaVersion> against;
        if (version == null) {
            against = live(subject);
        } else {
            if (log.all(subject).isEmpty()) {
                throw subjectNotFound(subject);
            }
            against = List.of(log.version(subject, version).orElseThrow(() -> versionNotFound(version))
                    .toVersion());
        }
        return Compatibility.check(effectiveCompatibility(subject), schema, against);
    }

    private List<SchemaVersion> live(String subject) {
        return log.liveVersions(subject).stream().map(StoredSchema::toVersion).toList();
    }

    private Optional<StoredSchema> find(String subject, int version, boolean includeDeleted) {
        return includeDeleted ? log.accepted(subject, version) : log.version(subject, version);
    }

    private Optional<StoredSchema> lookupStored(String subject, String canonical, boolean includeDeleted) {
        if (!includeDeleted) {
            return log.lookup(subject, canonical);
        }
        return log.all(subject).stream().filter(v -> v.canonical().equals(canonical)).findFirst();
    }

    private long softDelete(StoredSchema stored) {
        StoredSchema deleted = new StoredSchema(stored.subject(), stored.version(), stored.id(), stored.schema(),
                stored.canonical(), true);
        return append(SchemaTopicRecords.schemaKey(stored.subject(), stored.version()),
                SchemaTopicRecords.schemaValue(deleted));
    }

    private long tombstone(StoredSchema stored) {
        return append(SchemaTopicRecords.schemaKey(stored.subject(), stored.version()), null);
    }

    private static SchemaRegistryException subjectNotFound(String subject) {
        return new SchemaRegistryException(SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }

    private static SchemaRegistryException versionNotFound(int version) {
        return new SchemaRegistryException(VERSION_NOT_FOUND, "Version " + version + " not found.");
    }
}
