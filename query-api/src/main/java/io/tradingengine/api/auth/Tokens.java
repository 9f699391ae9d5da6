package io.tradingengine.api.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.tradingengine.api.ApiConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Mints the API's bearer tokens: HS256, claims {@code sub}, {@code roles}, {@code iat} and {@code exp}. */
public final class Tokens {

    /** Claim holding the role names ("trader", "admin"). */
    public static final String ROLES_CLAIM = "roles";

    private Tokens() {
    }

    /**
     * A token for {@code subject} with {@code roles}, valid for {@code ttl}.
     *
     * @throws IllegalArgumentException when the secret is shorter than 32 bytes (naming JWT_SECRET), the subject is
     *     blank or the ttl is not positive
     */
    public static String mint(String secret, String subject, List<String> roles, Duration ttl) {
        return mint(secret, subject, roles, ttl, null, null);
    }

    /** As {@link #mint(String, String, List, Duration)}, with {@code iss} and {@code aud} when not null. */
    public static String mint(String secret, String subject, List<String> roles, Duration ttl, String issuer,
                              String audience) {
        ApiConfig.requireSecret(secret);
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("subject must not be blank");
        }
        Objects.requireNonNull(roles, "roles");
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be > 0, was " + ttl);
        }
        Instant now = Instant.now();
        var builder = JWT.create()
                .withSubject(subject)
                .withClaim(ROLES_CLAIM, List.copyOf(roles))
                .withIssuedAt(now)
                .withExpiresAt(now.plus(ttl));
        if (issuer != null) {
            builder.withIssuer(issuer);
        }
        if (audience != null) {
            builder.withAudience(audience);
        }
        return builder.sign(Algorithm.HMAC256(secret));
    }
}
