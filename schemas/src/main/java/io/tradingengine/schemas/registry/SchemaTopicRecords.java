package io.tradingengine.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Keys and values of the {@code _schemas} topic in Confluent Schema Registry's own JSON format, so the topic reads
 * the same as a Confluent registry's: key {@code {"keytype":"SCHEMA","subject":...,"version":N,"magic":1}}, value
 * {@code {"subject":...,"version":N,"id":N,"schema":"...","deleted":false}} ({@code schemaType} only when not AVRO).
 * Other key types Confluent writes ({@code CONFIG}, {@code MODE}, {@code NOOP}, {@code DELETE_SUBJECT},
 * {@code CLEAR_SUBJECT}) are recognised by their {@code keytype}.
 */
final class SchemaTopicRecords {

    static final String SCHEMA_KEYTYPE = "SCHEMA";
    static final String CONFIG_KEYTYPE = "CONFIG";
    static final String AVRO = "AVRO";

    /** A parsed key: its type and, for {@code SCHEMA} keys, the subject and version. */
    record Key(String keytype, String subject, int version) {

        boolean isSchema() {
            return SCHEMA_KEYTYPE.equals(keytype);
        }

        /** A compatibility setting; {@code subject} null for the global one. */
        boolean isConfig() {
            return CONFIG_KEYTYPE.equals(keytype);
        }
    }

    /** A parsed {@code SCHEMA} value, before its schema text is parsed. */
    record Value(String subject, int version, int id, String schemaType, String schema, boolean deleted,
            boolean hasReferences) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SchemaTopicRecords() {
    }

    static byte[] schemaKey(String subject, int version) {
        // Field order matters: compaction compares key bytes, and Confluent writes keys in exactly this order.
        ObjectNode key = MAPPER.createObjectNode();
        key.put("keytype", SCHEMA_KEYTYPE);
        key.put("subject", subject);
        key.put("version", version);
        key.put("magic", 1);
        return write(key);
    }

    static byte[] schemaValue(StoredSchema stored) {
        ObjectNode value = MAPPER.createObjectNode();
        value.put("subject", stored.subject());
        value.put("version", stored.version());
        value.put("id", stored.id());
        value.put("schema", stored.canonical());
        value.put("deleted", stored.deleted());
        return write(value);
    }

    /** Key of a compatibility setting, as Confluent writes it; {@code subject} null for the global setting. */
    static byte[] configKey(String subject) {
        ObjectNode key = MAPPER.createObjectNode();
        key.put("keytype", CONFIG_KEYTYPE);
        if (subject == null) {
            key.putNull("subject");
        } else {
            key.put("subject", subject);
        }
        key.put("magic", 0);
        return write(key);
    }

    static byte[] configValue(CompatibilityLevel level) {
        ObjectNode value = MAPPER.createObjectNode();
        value.put("compatibilityLevel", level.name());
        return write(value);
    }

    /** The level of a {@code CONFIG} value, or empty when it names none this registry knows. */
    static Optional<CompatibilityLevel> parseConfigValue(byte[] bytes) {
        JsonNode node = read(bytes);
        if (node == null || !node.path("compatibilityLevel").isTextual()) {
            return Optional.empty();
        }
        return CompatibilityLevel.parse(node.get("compatibilityLevel").asText());
    }

    /** The key, or empty when the bytes are not a JSON object with a {@code keytype}. */
    static Optional<Key> parseKey(byte[] bytes) {
        JsonNode node = read(bytes);
        if (node == null || !node.isObject() || !node.path("keytype").isTextual()) {
            return Optional.empty();
        }
        String keytype = node.get("keytype").asText();
        if (CONFIG_KEYTYPE.equals(keytype)) {
            JsonNode subject = node.path("subject");
            return Optional.of(new Key(keytype, subject.isTextual() ? subject.asText() : null, 0));
        }
        if (!SCHEMA_KEYTYPE.equals(keytype)) {
            return Optional.of(new Key(keytype, null, 0));
        }
        if (!node.path("subject").isTextual() || !node.path("version").canConvertToInt()) {
            return Optional.empty();
        }
        return Optional.of(new Key(keytype, node.get("subject").asText(), node.get("version").asInt()));
    }

    /** The value of a {@code SCHEMA} record, or empty when required fields are missing. */
    static Optional<Value> parseValue(byte[] bytes) {
        JsonNode node = read(bytes);
        if (node == null || !node.isObject() || !node.path("subject").isTextual()
                || !node.path("version").canConvertToInt() || !node.path("id").canConvertToInt()
                || !node.path("schema").isTextual()) {
            return Optional.empty();
        }
        JsonNode references = node.path("references");
        return Optional.of(new Value(node.get("subject").asText(), node.get("version").asInt(),
                node.get("id").asInt(), node.path("schemaType").asText(AVRO), node.get("schema").asText(),
                node.path("deleted").asBoolean(false), references.isArray() && !references.isEmpty()));
    }

    private static JsonNode read(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] write(ObjectNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
