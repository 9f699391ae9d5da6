package io.tradingengine.api.auth;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import io.tradingengine.api.http.ApiException;
import java.util.Set;

/**
 * Runs before every matched route: authenticates the bearer token (401) and checks the route's roles (403). The
 * caller is stored on the context for the controllers ({@link #principal(Context)}).
 */
public final class AccessGuard {

    private static final String ATTRIBUTE = "principal";

    private final TokenVerifier verifier;

    public AccessGuard(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    public void check(Context ctx) {
        Set<RouteRole> required = ctx.routeRoles();
        if (required.contains(Role.PUBLIC)) {
            return;
        }
        Principal principal = verifier.authenticate(ctx.header("Authorization"));
        ctx.attribute(ATTRIBUTE, principal);
        if (required.contains(Role.ANY_USER)) {
            return;
        }
        // No role declared means admin only: a forgotten role must never open a route.
        Set<RouteRole> allowed = required.isEmpty() ? Set.of(Role.ADMIN) : required;
        boolean permitted = principal.roles().stream().anyMatch(allowed::contains);
        if (!permitted) {
            throw ApiException.forbidden("requires role " + describe(allowed));
        }
    }

    /** The authenticated caller of this request. */
    public static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(ATTRIBUTE);
        if (principal == null) {
            throw new IllegalStateException("route declared public reads the caller");
        }
        return principal;
    }

    private static String describe(Set<RouteRole> roles) {
        return roles.stream()
                .map(r -> r instanceof Role role ? role.claim() : r.toString())
                .sorted()
                .reduce((a, b) -> a + " or " + b)
                .orElse("admin");
    }
}
