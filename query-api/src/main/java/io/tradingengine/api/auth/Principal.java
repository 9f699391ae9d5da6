package io.tradingengine.api.auth;

import java.util.Objects;
import java.util.Set;

/**
 * The authenticated caller: the token's {@code sub} and its known roles.
 *
 * @param userId the {@code sub} claim
 * @param roles the recognised roles (trader, admin)
 */
public record Principal(String userId, Set<Role> roles) {

    public Principal {
        Objects.requireNonNull(userId, "userId");
        roles = Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains(Role.ADMIN);
    }

    /** True when the caller owns the resource or is an admin. */
    public boolean canRead(String ownerId) {
        return isAdmin() || userId.equals(ownerId);
    }
}
