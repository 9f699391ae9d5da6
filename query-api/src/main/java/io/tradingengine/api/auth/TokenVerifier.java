package io.tradingengine.api.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.tradingengine.api.ApiConfig;
import io.tradingengine.api.http.ApiException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies bearer tokens: the algorithm is pinned to HS256 with the configured secret (so {@code alg: none} and
 * tokens signed with another key or algorithm fail), {@code exp} and {@code sub} are required, {@code iss} and
 * {@code aud} are checked when configured.
 */
public final class TokenVerifier {

    private static final String BEARER = "Bearer ";

    private final JWTVerifier verifier;

    public TokenVerifier(ApiConfig config) {
        var verification = JWT.require(Algorithm.HMAC256(config.jwtSecret()))
                .withClaimPresence("exp")
                .withClaimPresence("sub");
        if (config.jwtIssuer() != null) {
            verification.withIssuer(config.jwtIssuer());
        }
        if (config.jwtAudience() != null) {
            verification.withAudience(config.jwtAudience());
        }
        this.verifier = verification.build();
    }

    /**
     * The caller named by an {@code Authorization} header value.
     *
     * @throws ApiException 401 when the header is missing, not a bearer token, or the token does not verify
     */
    public Principal authenticate(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            throw ApiException.unauthorized("missing bearer token");
        }
        if (!authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw ApiException.unauthorized("Authorization must be 'Bearer <token>'");
        }
        String token = authorizationHeader.substring(BEARER.length()).trim();
        DecodedJWT jwt;
        try {
            jwt = verifier.verify(token);
        } catch (TokenExpiredException e) {
            throw ApiException.unauthorized("token expired");
        } catch (JWTVerificationException e) {
            // The library's message says which check failed; it reveals nothing about the secret.
            throw ApiException.unauthorized("invalid token: " + e.getMessage());
        }
        String subject = jwt.getSubject();
        if (subject == null || subject.isBlank()) {
            throw ApiException.unauthorized("invalid token: empty sub");
        }
        return new Principal(subject, roles(jwt));
    }

    private static Set<Role> roles(DecodedJWT jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        List<String> claimed = jwt.getClaim(Tokens.ROLES_CLAIM).asList(String.class);
        if (claimed != null) {
            claimed.stream().map(Role::fromClaim).flatMap(Optional::stream).forEach(roles::add);
        }
        return roles;
    }
}
