package io.anju.cases.auth;

import io.anju.cases.model.Principal;
import io.anju.cases.model.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Sign-in tokens: HS256 JWTs carrying {@code sub} (user name), {@code role} and {@code scope}, valid for the
 * configured time. The secret comes from {@link JwtKeyFile} (one per data directory, so tokens survive a restart)
 * or is given. A token says who someone is; what they may do is decided per call by the access policy.
 */
public final class TokenService {
    static final String ISSUER = "anju-cases";
    private static final String ALGORITHM = "HS256";

    private final JWTAuth auth;
    private final Duration ttl;

    public TokenService(Vertx vertx, byte[] secret, Duration ttl) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the JWT secret must have at least 32 bytes (has " + secret.length + ")");
        }
        this.ttl = ttl;
        this.auth = JWTAuth.create(vertx, new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setBuffer(Buffer.buffer(secret)))
                .setJWTOptions(new JWTOptions().setAlgorithm(ALGORITHM).setIssuer(ISSUER)));
    }

    /** A signed token for {@code who}, with the instant it expires. */
    public IssuedToken issue(Principal who) {
        JsonObject claims = new JsonObject()
                .put("role", who.role().wireName())
                .put("scope", new JsonArray(List.copyOf(who.scope())));
        JWTOptions options = new JWTOptions().setAlgorithm(ALGORITHM).setIssuer(ISSUER).setSubject(who.name())
                .setExpiresInSeconds((int) ttl.toSeconds());
        Instant expires = Instant.now().plus(ttl);
        return new IssuedToken(auth.generateToken(claims, options), expires);
    }

    /** The provider the HTTP layer's bearer handler checks tokens with. */
    public JWTAuth provider() {
        return auth;
    }

    /** Checks a token outside the router (signature, expiry, issuer). */
    public Future<Principal> verify(String token) {
        return auth.authenticate(new TokenCredentials(token)).map(this::principalOf);
    }

    /** The person a verified token stands for. */
    public Principal principalOf(User user) {
        JsonObject claims = user.principal();
        if (claims == null || claims.getString("sub") == null) {
            claims = user.attributes().getJsonObject("accessToken", new JsonObject());
        }
        String name = claims.getString("sub");
        String role = claims.getString("role");
        JsonArray scope = claims.getJsonArray("scope");
        if (name == null || role == null || scope == null) {
            throw new IllegalArgumentException("token lacks sub, role or scope");
        }
        Set<String> units = new HashSet<>();
        scope.forEach(s -> units.add(String.valueOf(s)));
        return new Principal(name, Role.fromWire(role), units);
    }

    /** A token and when it stops being accepted. */
    public record IssuedToken(String token, Instant expires) {
    }
}
