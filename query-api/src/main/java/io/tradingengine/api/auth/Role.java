package io.tradingengine.api.auth;

import io.javalin.security.RouteRole;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may call a route. {@link #TRADER} and {@link #ADMIN} are the token roles of DESIGN.md; {@link #ANY_USER} is
 * any valid token whatever its roles; {@link #PUBLIC} needs no token at all. A route declared without a role is
 * treated as admin-only, so forgetting the role never opens a route.
 */
public enum Role implements RouteRole {
    PUBLIC,
    ANY_USER,
    TRADER,
    ADMIN;

    /** The role named by a token claim value ("trader", "admin"); other names grant nothing. */
    public static Optional<Role> fromClaim(String claim) {
        if (claim == null) {
            return Optional.empty();
        }
        return switch (claim.toLowerCase(Locale.ROOT)) {
            case "trader" -> Optional.of(TRADER);
            case "admin" -> Optional.of(ADMIN);
            default -> Optional.empty();
        };
    }

    /** The claim value of a token role. */
    public String claim() {
        return name().toLowerCase(Locale.ROOT);
    }
}
