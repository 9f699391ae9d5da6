package io.tradingengine.schemas.registry;

import io.tradingengine.schemas.serde.SchemaRegistryException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry state folded from the records of the {@code _schemas} topic, in log order. Every instance applies
 * the same records in the same order with the same rules, so every instance derives the same state.
 *
 * <p>Rules, which keep one id meaning one schema however writers race:
 * <ul>
 *   <li>A {@code SCHEMA} record for a new subject version is accepted when its id and its schema (by canonical form)
 *       are both unbound, or bound to each other; otherwise it is rejected (a racing writer claimed the id first).
 *   <li>A record for an accepted subject version is accepted only with the same id and schema: it may change the
 *       soft-delete flag, nothing else. The first accepted registration of a subject version wins.
 *   <li>A tombstone (null value) permanently deletes the subject version; its id is unbound when no other version
 *       refers to it.
 *   <li>A {@code CONFIG} record sets the compatibility level of its subject (the global level when its subject is
 *       null); its tombstone removes the setting. The last record wins.
 *   <li>Other key types ({@code MODE}, {@code NOOP}, {@code DELETE_SUBJECT}, ...) are ignored: soft deletes are
 *       carried by the {@code deleted} flag of the {@code SCHEMA} records themselves.
 * </ul>
 * Thread-safe: the reader thread applies, request threads read.
 */
final class SchemaLog {

    /** What applying one record did. */
    enum Outcome { ACCEPTED, REJECTED, DELETED, IGNORED }

    private static final Logger LOG = LoggerFactory.getLogger(SchemaLog.class);

    private final Map<String, TreeMap<Integer, StoredSchema>> bySubject = new HashMap<>();
    private final Map<Integer, StoredSchema> bindingById = new HashMap<>();
    private final Map<String, Integer> idByCanonical = new HashMap<>();
    private final Map<String, CompatibilityLevel> configBySubject = new HashMap<>();
    private CompatibilityLevel globalConfig;
    private int maxId;

    synchronized Outcome apply(byte[] keyBytes, byte[] valueBytes) {
        if (keyBytes == null) {
            return Outcome.IGNORED;
        }
        Optional<SchemaTopicRecords.Key> key = SchemaTopicRecords.parseKey(keyBytes);
        if (key.isEmpty()) {
            LOG.warn("Ignoring a record of the schemas topic with an unreadable key");
            return Outcome.IGNORED;
        }
        if (key.get().isConfig()) {
            return applyConfig(key.get().subject(), valueBytes);
        }
        if (!key.get().isSchema()) {
            return Outcome.IGNORED;
        }
        String subject = key.get().subject();
        int version = key.get().version();
        if (valueBytes == null) {
            return deletePermanently(subject, version);
        }
        Optional<StoredSchema> stored = toStored(subject, version, valueBytes);
        return stored.isEmpty() ? Outcome.IGNORED : accept(stored.get());
    }

    synchronized List<String> subjects() {
        return subjects(false);
    }

    /** Subjects with a live version, or with any version when {@code includeDeleted}; sorted. */
    synchronized List<String> subjects(boolean includeDeleted) {
        List<String> subjects = new ArrayList<>();
        bySubject.forEach((subject, versions) -> {
            if (versions.values().stream().anyMatch(v -> includeDeleted || !v.deleted())) {
                subjects.add(subject);
            }
        });
        subjects.sort(null);
        return subjects;
    }

    synchronized List<Integer> versions(String subject) {
        return live(subject).stream().map(StoredSchema::version).toList();
    }

    /** Every accepted version of the subject, soft-deleted ones included, oldest first. */
    synchronized List<StoredSchema> all(String subject) {
        TreeMap<Integer, StoredSchema> versions = bySubject.get(subject);
        return versions == null ? List.of() : List.copyOf(versions.values());
    }

    /** Live versions of the subject, oldest first. */
    synchronized List<StoredSchema> liveVersions(String subject) {
        return live(subject);
    }

    /** Live subject versions holding the schema with this id, by subject then version. */
    synchronized List<StoredSchema> versionsOf(int id) {
        return bySubject.values().stream().flatMap(vs -> vs.values().stream())
                .filter(v -> v.id() == id && !v.deleted())
                .sorted(Comparator.comparing(StoredSchema::subject).thenComparing(StoredSchema::version))
                .toList();
    }

    /** The compatibility level set on {@code subject} (the global setting when null), if any. */
    synchronized Optional<CompatibilityLevel> config(String subject) {
        return Optional.ofNullable(subject == null ? globalConfig : configBySubject.get(subject));
    }

    synchronized Optional<StoredSchema> version(String subject, int version) {
        TreeMap<Integer, StoredSchema> versions = bySubject.get(subject);
        StoredSchema stored = versions == null ? null : versions.get(version);
        return stored == null || stored.deleted() ? Optional.empty() : Optional.of(stored);
    }

    /** The accepted record of this subject version, soft-deleted or not. */
    synchronized Optional<StoredSchema> accepted(String subject, int version) {
        TreeMap<Integer, StoredSchema> versions = bySubject.get(subject);
        return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
    }

    synchronized Optional<StoredSchema> latest(String subject) {
        List<StoredSchema> live = live(subject);
        return live.isEmpty() ? Optional.empty() : Optional.of(live.get(live.size() - 1));
    }

    synchronized Optional<StoredSchema> lookup(String subject, String canonical) {
        return live(subject).stream().filter(v -> v.canonical().equals(canonical)).findFirst();
    }

    synchronized List<String> subjectsOf(int id) {
        List<String> subjects = new ArrayList<>();
        bySubject.forEach((subject, versions) -> {
            if (versions.values().stream().anyMatch(v -> v.id() == id && !v.deleted())) {
                subjects.add(subject);
            }
        });
        subjects.sort(null);
        return subjects;
    }

    /** The schema with this id; soft-deleted versions still resolve, as in Confluent, so old records stay readable. */
    synchronized Optional<Schema> schemaById(int id) {
        StoredSchema binding = bindingById.get(id);
        return binding == null ? Optional.empty() : Optional.of(binding.schema());
    }

    /**
     * What registering {@code schema} under {@code subject} would write now: the next version of the subject (after
     * soft-deleted ones too) and the schema's id, or a fresh id above every id seen.
     */
    synchronized StoredSchema plan(String subject, Schema schema) {
        String canonical = Canonical.of(schema);
        TreeMap<Integer, StoredSchema> versions = bySubject.get(subject);
        int version = versions == null || versions.isEmpty() ? 1 : versions.lastKey() + 1;
        Integer id = idByCanonical.get(canonical);
        return new StoredSchema(subject, version, id == null ? maxId + 1 : id, schema, canonical, false);
    }

    private List<StoredSchema> live(String subject) {
        TreeMap<Integer, StoredSchema> versions = bySubject.get(subject);
        return versions == null ? List.of() : versions.values().stream().filter(v -> !v.deleted()).toList();
    }

    private Optional<StoredSchema> toStored(String subject, int version, byte[] valueBytes) {
        Optional<SchemaTopicRecords.Value> value = SchemaTopicRecords.parseValue(valueBytes);
        if (value.isEmpty()) {
            LOG.warn("Ignoring {} version {} of the schemas topic: unreadable value", subject, version);
            return Optional.empty();
        }
        if (!SchemaTopicRecords.AVRO.equals(value.get().schemaType()) || value.get().hasReferences()) {
            LOG.warn("Ignoring {} version {} of the schemas topic: only self-contained Avro schemas are served",
                    subject, version);
            return Optional.empty();
        }
        try {
            Schema schema = AvroSchemaParser.parse(value.get().schema());
            return Optional.of(StoredSchema.of(subject, version, value.get().id(), schema, value.get().deleted()));
        } catch (SchemaRegistryException e) {
            LOG.warn("Ignoring {} version {} of the schemas topic: {}", subject, version, e.getMessage());
            return Optional.empty();
        }
    }

    private Outcome accept(StoredSchema stored) {
        TreeMap<Integer, StoredSchema> versions = bySubject.computeIfAbsent(stored.subject(), s -> new TreeMap<>());
        StoredSchema existing = versions.get(stored.version());
        if (existing != null) {
            if (!existing.sameRegistration(stored)) {
                return reject(stored, "the subject version already holds schema " + existing.id());
            }
            versions.put(stored.version(), stored);
            return Outcome.ACCEPTED;
        }
        StoredSchema binding = bindingById.get(stored.id());
        Integer boundId = idByCanonical.get(stored.canonical());
        boolean idFree = binding == null && boundId == null;
        boolean boundToEachOther = binding != null && binding.canonical().equals(stored.canonical());
        if (!idFree && !boundToEachOther) {
            if (versions.isEmpty()) {
                bySubject.remove(stored.subject());
            }
            return reject(stored, binding != null ? "the id belongs to another schema"
                    : "the schema already has id " + boundId);
        }
        versions.put(stored.version(), stored);
        bindingById.putIfAbsent(stored.id(), stored);
        idByCanonical.putIfAbsent(stored.canonical(), stored.id());
        maxId = Math.max(maxId, stored.id());
        return Outcome.ACCEPTED;
    }

    private Outcome reject(StoredSchema stored, String why) {
        LOG.info("Schemas topic: {} version {} with id {} lost a registration race ({}); its writer retries",
                stored.subject(), stored.version(), stored.id(), why);
        return Outcome.REJECTED;
    }

    private Outcome applyConfig(String subject, byte[] valueBytes) {
        if (valueBytes == null) {
            if (subject == null) {
                globalConfig = null;
            } else {
                configBySubject.remove(subject);
            }
            return Outcome.DELETED;
        }
        Optional<CompatibilityLevel> level = SchemaTopicRecords.parseConfigValue(valueBytes);
        if (level.isEmpty()) {
            LOG.warn("Ignoring a compatibility setting of the schemas topic for {}: unknown level",
                    subject == null ? "the registry" : subject);
            return Outcome.IGNORED;
        }
        if (subject == null) {
            globalConfig = level.get();
        } else {
            configBySubject.put(subject, level.get());
        }
        return Outcome.ACCEPTED;
    }

    private Outcome deletePermanently(String subject, int version) {
        TreeMap<Integer, StoredSchema> versions = bySubject.get(subject);
        StoredSchema removed = versions == null ? null : versions.remove(version);
        if (removed == null) {
            return Outcome.IGNORED;
        }
        if (versions.isEmpty()) {
            bySubject.remove(subject);
        }
        boolean stillReferenced = bySubject.values().stream()
                .anyMatch(vs -> vs.values().stream().anyMatch(v -> v.id() == removed.id()));
        if (!stillReferenced) {
            // maxId is kept: within this process a permanently deleted id is never handed out again.
            bindingById.remove(removed.id());
            idByCanonical.remove(removed.canonical());
        }
        return Outcome.DELETED;
    }
}
