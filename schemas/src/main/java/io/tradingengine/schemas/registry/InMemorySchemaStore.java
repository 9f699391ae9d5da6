package io.tradingengine.schemas.registry;

import io.tradingengine.schemas.serde.SchemaRegistryException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * A schema store held in memory: the same id and version rules as the Kafka-backed store, for unit tests and
 * TopologyTestDriver runs where no broker is around. Thread-safe.
 */
public class InMemorySchemaStore implements SchemaStore {

    private final Map<String, TreeMap<Integer, SchemaVersion>> bySubject = new HashMap<>();
    private final Map<Integer, Schema> byId = new HashMap<>();
    private final Map<String, Integer> idByCanonical = new HashMap<>();

    @Override
    public synchronized List<String> subjects() {
        return new ArrayList<>(new TreeMap<>(bySubject).keySet());
    }

    @Override
    public synchronized List<Integer> versions(String subject) {
        TreeMap<Integer, SchemaVersion> versions = bySubject.get(subject);
        return versions == null ? List.of() : List.copyOf(versions.keySet());
    }

    @Override
    public synchronized Optional<SchemaVersion> version(String subject, int version) {
        TreeMap<Integer, SchemaVersion> versions = bySubject.get(subject);
        return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
    }

    @Override
    public synchronized Optional<SchemaVersion> latest(String subject) {
        TreeMap<Integer, SchemaVersion> versions = bySubject.get(subject);
        return versions == null || versions.isEmpty() ? Optional.empty() : Optional.of(versions.lastEntry().getValue());
    }

    @Override
    public synchronized Optional<SchemaVersion> lookup(String subject, Schema schema) {
        String canonical = Canonical.of(schema);
        TreeMap<Integer, SchemaVersion> versions = bySubject.get(subject);
        if (versions == null) {
            return Optional.empty();
        }
        return versions.values().stream().filter(v -> Canonical.of(v.schema()).equals(canonical)).findFirst();
    }

    @Override
    public synchronized SchemaVersion registerVersion(String subject, Schema schema) {
        Optional<SchemaVersion> existing = lookup(subject, schema);
        if (existing.isPresent()) {
            return existing.get();
        }
        int id = idByCanonical.computeIfAbsent(Canonical.of(schema), c -> idByCanonical.size() + 1);
        byId.putIfAbsent(id, schema);
        TreeMap<Integer, SchemaVersion> versions = bySubject.computeIfAbsent(subject, s -> new TreeMap<>());
        int version = versions.isEmpty() ? 1 : versions.lastKey() + 1;
        SchemaVersion registered = new SchemaVersion(subject, version, id, schema);
        versions.put(version, registered);
        return registered;
    }

    @Override
    public synchronized List<String> subjectsOf(int id) {
        List<String> subjects = new ArrayList<>();
        bySubject.forEach((subject, versions) -> {
            if (versions.values().stream().anyMatch(v -> v.id() == id)) {
                subjects.add(subject);
            }
        });
        subjects.sort(null);
        return subjects;
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = byId.get(id);
        if (schema == null) {
            throw new SchemaRegistryException(40403, "Schema " + id + " not found");
        }
        return schema;
    }
}
