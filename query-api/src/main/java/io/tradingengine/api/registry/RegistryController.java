package io.tradingengine.api.registry;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.tradingengine.api.http.ErrorMapping;
import io.tradingengine.schemas.registry.AvroSchemaParser;
import io.tradingengine.schemas.registry.CompatibilityLevel;
import io.tradingengine.schemas.registry.SchemaStore;
import io.tradingengine.schemas.registry.SchemaVersion;
import io.tradingengine.schemas.serde.SchemaRegistryException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The Confluent Schema Registry REST API under {@code /registry}, served from the engine's {@link SchemaStore}, so a
 * Confluent client takes {@code http://host:port/registry} as its URL. Avro only; request bodies are read leniently
 * (Confluent clients send fields such as {@code metadata} this registry does not use), query parameters this
 * registry does not use ({@code normalize}, {@code subject}, ...) are accepted and ignored, responses carry the
 * registry content type and errors are {@code {error_code, message}}.
 */
public final class RegistryController {

    /** The only mode this registry runs in. */
    static final String MODE = "READWRITE";

    private final SchemaStore store;
    private final ObjectMapper mapper;
    private final RegistrySettings settings;

    /** Reads for authenticated users, writes for admins. */
    public RegistryController(SchemaStore store, ObjectMapper mapper) {
        this(store, mapper, RegistrySettings.secured());
    }

    public RegistryController(SchemaStore store, ObjectMapper mapper, RegistrySettings settings) {
        this.store = store;
        this.mapper = mapper;
        this.settings = settings;
    }

    /** How the routes are to be guarded. */
    public RegistrySettings settings() {
        return settings;
    }

    /** GET /registry: Confluent answers its root with an empty object. */
    public void root(Context ctx) {
        respond(ctx, Map.of());
    }

    /** GET /registry/subjects[?deleted=true][&subjectPrefix=p]. */
    public void subjects(Context ctx) {
        String prefix = Optional.ofNullable(ctx.queryParam("subjectPrefix")).orElse("");
        respond(ctx, guarded(() -> store.subjects(flag(ctx, "deleted"))).stream()
                .filter(s -> s.startsWith(prefix)).toList());
    }

    /** GET /registry/subjects/{subject}/versions[?deleted=true]. */
    public void versions(Context ctx) {
        String subject = ctx.pathParam("subject");
        List<Integer> versions = guarded(() -> store.versions(subject, flag(ctx, "deleted")));
        if (versions.isEmpty()) {
            throw subjectNotFound(subject);
        }
        respond(ctx, versions);
    }

    /** GET /registry/subjects/{subject}/versions/{version}, version a number, -1 or "latest". */
    public void version(Context ctx) {
        respond(ctx, describe(find(ctx.pathParam("subject"), ctx.pathParam("version"), flag(ctx, "deleted"))));
    }

    /** GET /registry/subjects/{subject}/versions/{version}/schema: the schema text alone. */
    public void versionSchema(Context ctx) {
        SchemaVersion version = find(ctx.pathParam("subject"), ctx.pathParam("version"), flag(ctx, "deleted"));
        ctx.contentType(ErrorMapping.REGISTRY_CONTENT_TYPE).result(version.schema().toString());
    }

    /** GET /registry/subjects/{subject}/versions/{version}/referencedby: ids of schemas referencing it (none). */
    public void referencedBy(Context ctx) {
        find(ctx.pathParam("subject"), ctx.pathParam("version"), false);
        // Schema references are not accepted by this registry, so nothing can reference a version.
        respond(ctx, List.of());
    }

    /** POST /registry/subjects/{subject}/versions (admin): registers, answers {@code {"id": N}}. */
    public void register(Context ctx) {
        String subject = ctx.pathParam("subject");
        Schema schema = schemaOf(ctx);
        SchemaVersion registered = guarded(() -> store.registerVersion(subject, schema));
        respond(ctx, Map.of("id", registered.id()));
    }

    /** POST /registry/subjects/{subject}[?deleted=true]: is this schema registered under the subject, as what. */
    public void lookup(Context ctx) {
        String subject = ctx.pathParam("subject");
        boolean deleted = flag(ctx, "deleted");
        Schema schema = schemaOf(ctx);
        if (guarded(() -> store.versions(subject, deleted)).isEmpty()) {
            throw subjectNotFound(subject);
        }
        SchemaVersion version = guarded(() -> store.lookup(subject, schema, deleted))
                .orElseThrow(() -> new RegistryException(RegistryException.SCHEMA_NOT_FOUND, "Schema not found"));
        respond(ctx, describe(version));
    }

    /** DELETE /registry/subjects/{subject}[?permanent=true] (admin): the versions deleted. */
    public void deleteSubject(Context ctx) {
        String subject = ctx.pathParam("subject");
        respond(ctx, guarded(() -> store.deleteSubject(subject, flag(ctx, "permanent"))));
    }

    /** DELETE /registry/subjects/{subject}/versions/{version}[?permanent=true] (admin): the version deleted. */
    public void deleteVersion(Context ctx) {
        String subject = ctx.pathParam("subject");
        boolean permanent = flag(ctx, "permanent");
        String versionText = ctx.pathParam("version");
        int version = versionNumber(versionText);
        if (guarded(() -> store.versions(subject, true)).isEmpty()) {
            throw subjectNotFound(subject);
        }
        int resolved = version == -1
                ? guarded(() -> store.latest(subject)).map(SchemaVersion::version)
                        .orElseThrow(() -> versionNotFound(versionText))
                : version;
        respond(ctx, guarded(() -> store.deleteVersion(subject, resolved, permanent)));
    }

    /** GET /registry/schemas/ids/{id}: {@code {"schema": "..."}}. */
    public void schemaById(Context ctx) {
        Schema schema = schemaWithId(ctx.pathParam("id"));
        respond(ctx, Map.of("schema", schema.toString()));
    }

    /** GET /registry/schemas/ids/{id}/schema: the schema text alone. */
    public void rawSchemaById(Context ctx) {
        Schema schema = schemaWithId(ctx.pathParam("id"));
        ctx.contentType(ErrorMapping.REGISTRY_CONTENT_TYPE).result(schema.toString());
    }

    /** GET /registry/schemas/ids/{id}/subjects. */
    public void subjectsOfId(Context ctx) {
        int id = id(ctx.pathParam("id"));
        guarded(() -> store.schemaById(id));
        respond(ctx, guarded(() -> store.subjectsOf(id)));
    }

    /** GET /registry/schemas/ids/{id}/versions: {@code [{"subject": s, "version": v}]}. */
    public void versionsOfId(Context ctx) {
        int id = id(ctx.pathParam("id"));
        guarded(() -> store.schemaById(id));
        respond(ctx, guarded(() -> store.versionsOf(id)).stream()
                .map(v -> {
                    Map<String, Object> pair = new LinkedHashMap<>();
                    pair.put("subject", v.subject());
                    pair.put("version", v.version());
                    return pair;
                }).toList());
    }

    /** GET /registry/schemas/types. */
    public void schemaTypes(Context ctx) {
        respond(ctx, List.of("AVRO"));
    }

    /** GET /registry/config: the global level. */
    public void globalConfig(Context ctx) {
        respond(ctx, level(guarded(() -> store.effectiveCompatibility(null))));
    }

    /** PUT /registry/config (admin): {@code {"compatibility": LEVEL}}. */
    public void updateGlobalConfig(Context ctx) {
        CompatibilityLevel level = levelOf(ctx);
        guarded(() -> {
            store.setCompatibility(null, level);
            return level;
        });
        respond(ctx, Map.of("compatibility", level.name()));
    }

    /** DELETE /registry/config (admin): back to the default; answers the level it had. */
    public void deleteGlobalConfig(Context ctx) {
        CompatibilityLevel previous = guarded(() -> store.clearCompatibility(null))
                .orElse(CompatibilityLevel.DEFAULT);
        respond(ctx, level(previous));
    }

    /** GET /registry/config/{subject}[?defaultToGlobal=true]. */
    public void subjectConfig(Context ctx) {
        String subject = ctx.pathParam("subject");
        Optional<CompatibilityLevel> own = guarded(() -> store.compatibility(subject));
        if (own.isPresent()) {
            respond(ctx, level(own.get()));
        } else if (flag(ctx, "defaultToGlobal")) {
            respond(ctx, level(guarded(() -> store.effectiveCompatibility(subject))));
        } else {
            throw new RegistryException(SchemaStore.SUBJECT_LEVEL_NOT_CONFIGURED,
                    "Subject '" + subject + "' does not have subject-level compatibility configured");
        }
    }

    /** PUT /registry/config/{subject} (admin). */
    public void updateSubjectConfig(Context ctx) {
        String subject = ctx.pathParam("subject");
        CompatibilityLevel level = levelOf(ctx);
        guarded(() -> {
            store.setCompatibility(subject, level);
            return level;
        });
        respond(ctx, Map.of("compatibility", level.name()));
    }

    /** DELETE /registry/config/{subject} (admin): the subject falls back to the global level. */
    public void deleteSubjectConfig(Context ctx) {
        String subject = ctx.pathParam("subject");
        Optional<CompatibilityLevel> own = guarded(() -> store.compatibility(subject));
        if (own.isEmpty() && guarded(() -> store.versions(subject, true)).isEmpty()) {
            throw subjectNotFound(subject);
        }
        CompatibilityLevel previous = guarded(() -> store.clearCompatibility(subject))
                .orElseThrow(() -> new RegistryException(SchemaStore.SUBJECT_LEVEL_NOT_CONFIGURED,
                        "Subject '" + subject + "' does not have subject-level compatibility configured"));
        respond(ctx, level(previous));
    }

    /** POST /registry/compatibility/subjects/{subject}/versions/{version}[?verbose=true]. */
    public void checkCompatibility(Context ctx) {
        String subject = ctx.pathParam("subject");
        String versionText = ctx.pathParam("version");
        int version = versionNumber(versionText);
        Schema schema = schemaOf(ctx);
        // "latest": against what the subject's level looks at, and a subject without versions accepts anything.
        Integer against = version == -1 ? null : version;
        respondCompatibility(ctx, guarded(() -> store.checkCompatibility(subject, schema, against)));
    }

    /** POST /registry/compatibility/subjects/{subject}/versions[?verbose=true]: against the subject's level. */
    public void checkCompatibilityWithAll(Context ctx) {
        String subject = ctx.pathParam("subject");
        Schema schema = schemaOf(ctx);
        respondCompatibility(ctx, guarded(() -> store.checkCompatibility(subject, schema, null)));
    }

    /** GET /registry/mode and /registry/mode/{subject}: always READWRITE. */
    public void mode(Context ctx) {
        respond(ctx, Map.of("mode", MODE));
    }

    /** Any other request under /registry: the 404 a Confluent registry sends for an unknown endpoint. */
    public void notFound(Context ctx) {
        throw new RegistryException(RegistryException.NOT_FOUND, "HTTP 404 Not Found");
    }

    private void respondCompatibility(Context ctx, List<String> messages) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("is_compatible", messages.isEmpty());
        if (flag(ctx, "verbose")) {
            body.put("messages", messages);
        }
        respond(ctx, body);
    }

    private Schema schemaWithId(String idText) {
        int id = id(idText);
        return guarded(() -> store.schemaById(id));
    }

    private SchemaVersion find(String subject, String versionText, boolean includeDeleted) {
        int version = versionNumber(versionText);
        if (guarded(() -> store.versions(subject, includeDeleted)).isEmpty()) {
            throw subjectNotFound(subject);
        }
        return guarded(() -> version == -1 ? store.latest(subject)
                : store.version(subject, version, includeDeleted))
                .orElseThrow(() -> versionNotFound(versionText));
    }

    private JsonNode body(Context ctx) {
        String body = ctx.body();
        if (body.getBytes(StandardCharsets.UTF_8).length > settings.maxSchemaBytes()) {
            throw new RegistryException(RegistryException.TOO_LARGE,
                    "Request body larger than " + settings.maxSchemaBytes() + " bytes");
        }
        JsonNode request;
        try {
            request = mapper.readTree(body);
        } catch (JacksonException e) {
            throw new RegistryException(RegistryException.BAD_REQUEST, "Malformed JSON request body");
        }
        if (request == null || !request.isObject()) {
            throw new RegistryException(RegistryException.BAD_REQUEST, "The request body must be a JSON object");
        }
        return request;
    }

    private Schema schemaOf(Context ctx) {
        JsonNode request = body(ctx);
        if (!request.path("schema").isTextual()) {
            throw new RegistryException(RegistryException.INVALID_SCHEMA, "Empty schema");
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
        return guarded(() -> AvroSchemaParser.parse(request.get("schema").textValue()));
    }

    private CompatibilityLevel levelOf(Context ctx) {
        JsonNode request = body(ctx);
        return CompatibilityLevel.parse(request.path("compatibility").asText(null))
                .orElseThrow(() -> new RegistryException(RegistryException.INVALID_COMPATIBILITY_LEVEL,
                        "Invalid compatibility level. Valid values are none, backward, forward, full, "
                                + "backward_transitive, forward_transitive, and full_transitive"));
    }

    private static Map<String, Object> level(CompatibilityLevel level) {
        return Map.of("compatibilityLevel", level.name());
    }

    private static boolean flag(Context ctx, String name) {
        return "true".equalsIgnoreCase(ctx.queryParam(name));
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

    private static RegistryException versionNotFound(String version) {
        return new RegistryException(RegistryException.VERSION_NOT_FOUND, "Version " + version + " not found.");
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
