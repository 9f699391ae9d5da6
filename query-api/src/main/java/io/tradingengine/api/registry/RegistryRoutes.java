package io.tradingengine.api.registry;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.security.RouteRole;
import io.tradingengine.api.auth.Role;

/**
 * The routes of the Confluent Schema Registry API under {@code /registry} and of the schema browser under
 * {@code /ui/schemas}, in one place. Reads (including lookups and compatibility checks, which write nothing) need any
 * valid token, or none when {@link RegistrySettings#openReads()}; writes need an admin. Anything else under
 * {@code /registry} answers Confluent's 404 body.
 */
public final class RegistryRoutes {

    private static final String BASE = "/registry";

    private RegistryRoutes() {
    }

    /** Declares every registry and schema-browser route on {@code routes}. */
    public static void declare(RoutesConfig routes, RegistryController registry) {
        RouteRole read = registry.settings().openReads() ? Role.PUBLIC : Role.ANY_USER;
        RouteRole write = Role.ADMIN;

        routes.get(BASE, registry::root, read);
        routes.get(BASE + "/subjects", registry::subjects, read);
        routes.get(BASE + "/subjects/{subject}/versions", registry::versions, read);
        routes.post(BASE + "/subjects/{subject}/versions", registry::register, write);
        routes.get(BASE + "/subjects/{subject}/versions/{version}", registry::version, read);
        routes.delete(BASE + "/subjects/{subject}/versions/{version}", registry::deleteVersion, write);
        routes.get(BASE + "/subjects/{subject}/versions/{version}/schema", registry::versionSchema, read);
        routes.get(BASE + "/subjects/{subject}/versions/{version}/referencedby", registry::referencedBy, read);
        routes.post(BASE + "/subjects/{subject}", registry::lookup, read);
        routes.delete(BASE + "/subjects/{subject}", registry::deleteSubject, write);

        routes.get(BASE + "/schemas/types", registry::schemaTypes, read);
        routes.get(BASE + "/schemas/ids/{id}", registry::schemaById, read);
        routes.get(BASE + "/schemas/ids/{id}/schema", registry::rawSchemaById, read);
        routes.get(BASE + "/schemas/ids/{id}/subjects", registry::subjectsOfId, read);
        routes.get(BASE + "/schemas/ids/{id}/versions", registry::versionsOfId, read);

        routes.get(BASE + "/config", registry::globalConfig, read);
        routes.put(BASE + "/config", registry::updateGlobalConfig, write);
        routes.delete(BASE + "/config", registry::deleteGlobalConfig, write);
        routes.get(BASE + "/config/{subject}", registry::subjectConfig, read);
        routes.put(BASE + "/config/{subject}", registry::updateSubjectConfig, write);
        routes.delete(BASE + "/config/{subject}", registry::deleteSubjectConfig, write);

        routes.post(BASE + "/compatibility/subjects/{subject}/versions/{version}", registry::checkCompatibility, read);
        routes.post(BASE + "/compatibility/subjects/{subject}/versions", registry::checkCompatibilityWithAll, read);

        routes.get(BASE + "/mode", registry::mode, read);
        routes.get(BASE + "/mode/{subject}", registry::mode, read);

        // Declared last: Javalin serves the first matching route, so these only catch what nothing above serves.
        Handler notFound = registry::notFound;
        routes.get(BASE + "/<rest>", notFound, read);
        routes.post(BASE + "/<rest>", notFound, read);
        routes.put(BASE + "/<rest>", notFound, read);
        routes.delete(BASE + "/<rest>", notFound, read);
        routes.patch(BASE + "/<rest>", notFound, read);

        SchemaBrowser.declare(routes);
    }
}
