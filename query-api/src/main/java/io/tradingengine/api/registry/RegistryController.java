package io.tradingengine.api.registry;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.tradingengine.api.http.ErrorMapping;
import io.tradingengine.schemas.registry.SchemaStore;
import io.tradingengine.schemas.registry.SchemaVersion;
import io.tradingengine.schemas.serde.SchemaRegistryException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The Confluent Schema Registry REST API under {@code /registry}, served from the engine's {@link SchemaStore}, so a
 * Confluent client takes {@code http://host:port/registry} as its URL. Avro only; request bodies are read leniently
 * (Confluent clients send fields such as {@code metadata} this registry does not use), responses carry the registry
 * content type and errors are {@code {error_code, message}}.
 */
public final class RegistryController {

    private final SchemaStore store;
    private final ObjectMapper mapper;

    public RegistryController(SchemaStore store, ObjectMapper mapper) {
        this.store = store;
        this.mapper = mapper;
    }

    /** GET /registry/subjects. */
    public void subjects(Context ctx) {
        respond(ctx, guarded(store::subjects));
    }

    /** GET /registry/subjects/{subject}/versions. */
    public void versions(Context ctx) {
        String subject = ctx.pathParam("subject");
        List<Integer> versions = guarded(() -> store.versions(subject));
        if (versions.isEmpty()) {
            throw subjectNotFound(subject);
        }
        respond(ctx, versions);
    }

    /** GET /registry/subjects/{subject}/versions/{version}, version a number or "latest". */
    public void version(Context ctx) {
        respond(ctx, describe(find(ctx.pathParam("subject"), ctx.pathParam("version"))));
    }

    /** GET /registry/subjects/{subject}/versions/{version}/schema: the schema text alone. */
    public void versionSchema(Context ctx) {
        SchemaVersion version = find(ctx.pathParam("subject"), ctx.pathParam("version"));
        ctx.contentType(ErrorMapping.REGISTRY_CONTENT_TYPE).result(version.schema().toString());
    }

    /** POST /registry/subjects/{subject}/versions (admin): registers, answers {@code {"id": N}}. */
    public void register(Context ctx) {
        String subject = ctx.pathParam("subject");
        Schema schema = schemaOf(ctx.body());
        SchemaVersion registered = guarded(() -> store.registerVersion(subject, schema));
        respond(ctx, Map.of("id", registered.id()));
    }

    /** POST /registry/subjects/{subject}: is this schema registered under the subject, and as which version. */
    public void lookup(Context ctx) {
        String subject = ctx.pathParam("subject");
        Schema schema = schemaOf(ctx.body());
        if (guarded(() -> store.versions(subject)).isEmpty()) {
            throw subjectNotFound(subject);
        }
        SchemaVersion version = guarded(() -> store.lookup(subject, schema))
                .orElseThrow(() -> new RegistryException(RegistryException.SCHEMA_NOT_FOUND, "Schema not found"));
        respond(ctx, describe(version));
    }

    /** GET /registry/schemas/ids/{id}: {@code {"schema": "..."}}. */
    public void schemaById(Context ctx) {
        int id = id(ctx.pathParam("id"));
        Schema schema = guarded(() -> store.schemaById(id));
        respond(ctx, Map.of("schema", schema.toString()));
    }

    /** GET /registry/schemas/ids/{id}/subjects. */
    public void subjectsOfId(Context ctx) {
        int id = id(ctx.pathParam("id"));
        guarded(() -> store.schemaById(id));
        respond(ctx, guarded(() -> store.subjectsOf(id)));
    }

    private SchemaVersion find(String subject, String versionText) {
        if (guarded(() -> store.versions(subject)).isEmpty()) {
            throw subjectNotFound(subject);
        }
        int version = versionNumber(versionText);
        return guarded(() -> version == -1 ? store.latest(subject) : store.version(subject, version))
                .orElseThrow(() -> new RegistryException(RegistryException.VERSION_NOT_FOUND,
                        "Version " + versionText + " not found."));
    }

    private Schema schemaOf(String body) {
        JsonNode request;
        try {
            request = mapper.readTree(body);
        } catch (JacksonException e) {
            throw new RegistryException(RegistryException.INVALID_SCHEMA, "Malformed request body");
        }
        if (request == null || !request.isObject() || !request.path("schema").isTextual()) {
            throw new RegistryException(RegistryException.INVALID_SCHEMA, "The request must carry \"schema\"");
        }
        JsonNode type = request.path("schemaType");
        if (!type.isMissingNode() && !type.isNull() && !"AVRO".equals(type.asText().toUpperCase(Locale.ROOT))) {
            throw new RegistryException(RegistryException.INVALID_SCHEMA,
                    "Only AVRO schemas are supported, not " + type.asText());
        }
        JsonNode references = request.path("references");
        if (references.isArray() && !references.isEmpty()) {
            throw new RegistryException(RegistryException.INVALID_SCHEMA, "Schema references are not supported");
        }
        try {
            return new Schema.Parser().parse(request.get("schema").textValue());
        } catch (SchemaParseException e) {
            throw new RegistryException(RegistryException.INVALID_SCHEMA, "Invalid schema: " + e.getMessage());
        }
    }

    private static int versionNumber(String text) {
        if ("latest".equals(text)) {
            return -1;
        }
        try {
            int version = Integer.parseInt(text);
            if (version == -1 || version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new RegistryException(RegistryException.INVALID_VERSION,
                "The specified version '" + text + "' is not a valid version id. Allowed values are between "
                        + "[1, 2^31-1] and the string \"latest\"");
    }

    private static int id(String text) {
        try {
            int id = Integer.parseInt(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new RegistryException(RegistryException.SCHEMA_NOT_FOUND, "Schema " + text + " not found");
    }

    private static Map<String, Object> describe(SchemaVersion version) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", version.subject());
        body.put("version", version.version());
        body.put("id", version.id());
        body.put("schema", version.schema().toString());
        return body;
    }

    private static RegistryException subjectNotFound(String subject) {
        return new RegistryException(RegistryException.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }

    private void respond(Context ctx, Object body) {
        try {
            ctx.contentType(ErrorMapping.REGISTRY_CONTENT_TYPE).result(mapper.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("registry response not serializable", e);
        }
    }

    /** Store failures carry Confluent codes already; keep them. */
    private static <T> T guarded(StoreCall<T> call) {
        try {
            return call.run();
        } catch (SchemaRegistryException e) {
            throw new RegistryException(e.errorCode(), e.getMessage());
        }
    }

    @FunctionalInterface
    private interface StoreCall<T> {
        T run();
    }
}
