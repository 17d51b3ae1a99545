package io.anju.dashboards.session;

import io.anju.dashboards.reply.ApiError;
import io.anju.dashboards.reply.JsonReplies;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code POST / GET / DELETE /api/session}: sign in with the case system's users, who am I, sign out. */
public final class SessionHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(SessionHandlers.class);
    private static final int MAX_FIELD_LENGTH = 256;

    private final CaseSignIn signIn;
    private final SessionStore sessions;
    private final SessionGuard guard;
    private final Duration ttl;

    public SessionHandlers(CaseSignIn signIn, SessionStore sessions, SessionGuard guard, Duration ttl) {
        this.signIn = signIn;
        this.sessions = sessions;
        this.guard = guard;
        this.ttl = ttl;
    }

    public void signIn(RoutingContext ctx) {
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (RuntimeException e) {
            ctx.fail(ApiError.badRequest("the body must be a JSON object {name, password}"));
            return;
        }
        String name = body == null ? null : text(body, "name");
        String password = body == null ? null : text(body, "password");
        if (name == null || password == null) {
            ctx.fail(ApiError.badRequest("name and password are required (1 to " + MAX_FIELD_LENGTH + " characters)"));
            return;
        }
        signIn.signIn(name, password, ctx.request().getHeader("Accept-Language")).onSuccess(signed -> {
            Instant expires = sessions.now().plus(ttl);
            if (signed.tokenExpires() != null && signed.tokenExpires().isBefore(expires)) {
                expires = signed.tokenExpires();
            }
            SessionStore.Session session = sessions.open(signed.viewer(), expires);
            long maxAge = Math.max(1, Duration.between(sessions.now(), expires).toSeconds());
            ctx.response().addCookie(cookie(session.id(), maxAge));
            LOG.info("{} signed in to the dashboards as {}", signed.viewer().name(), signed.viewer().role());
            JsonReplies.send(ctx, 200, describe(signed.viewer()));
        }).onFailure(ctx::fail);
    }

    public void current(RoutingContext ctx) {
        guard.viewer(ctx).onSuccess(v -> JsonReplies.send(ctx, 200, describe(v))).onFailure(ctx::fail);
    }

    public void signOut(RoutingContext ctx) {
        sessions.close(SessionGuard.sessionId(ctx));
        ctx.response().addCookie(cookie("", 0));
        ctx.response().setStatusCode(204).end();
    }

    /** What the browser learns about the signed-in person: never the token. */
    public static Map<String, Object> describe(Viewer v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.name());
        m.put("role", v.role());
        m.put("scope", v.scope().stream().sorted().toList());
        m.put("displayName", v.displayName());
        return m;
    }

    private static Cookie cookie(String value, long maxAgeSeconds) {
        return Cookie.cookie(SessionGuard.COOKIE, value).setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
                .setPath("/").setMaxAge(maxAgeSeconds);
    }

    private static String text(JsonObject body, String key) {
        Object v = body.getValue(key);
        return v instanceof String s && !s.isEmpty() && s.length() <= MAX_FIELD_LENGTH ? s : null;
    }
}
