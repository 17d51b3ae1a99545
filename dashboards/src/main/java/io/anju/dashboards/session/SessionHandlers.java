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
        String source = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
        signIn.signIn(name, password, ctx.request().getHeader("Accept-Language"), source).onSuccess(signed -> {
            Instant expires = sessions.now().plus(ttl);
            if (signed.tokenExpires() != null && signed.tokenExpires().isBefore(expires)) {
                expires = signed.tokenExpires();
            }
            SessionStore.Session session = sessions.open(signed.viewer(), expires);
            long maxAge = Math.max(1, Duration.between(sessions.now(), expires).toSeconds());
            boolean tls = ctx.request().isSSL();
            ctx.response().addCookie(cookie(SessionGuard.COOKIE, session.id(), maxAge, tls).setHttpOnly(true));
            ctx.response().addCookie(cookie(CsrfGuard.COOKIE, session.csrfToken(), maxAge, tls));
            LOG.info("{} signed in to the dashboards as {}", signed.viewer().name(), signed.viewer().role());
            JsonReplies.send(ctx, 200, describe(signed.viewer()));
        }).onFailure(ctx::fail);
    }

    public void current(RoutingContext ctx) {
        guard.viewer(ctx).onSuccess(v -> JsonReplies.send(ctx, 200, describe(v))).onFailure(ctx::fail);
    }

    public void signOut(RoutingContext ctx) {
        sessions.close(SessionGuard.sessionId(ctx)); // its live streams close with it
        boolean tls = ctx.request().isSSL();
        ctx.response().addCookie(cookie(SessionGuard.COOKIE, "", 0, tls).setHttpOnly(true));
        ctx.response().addCookie(cookie(CsrfGuard.COOKIE, "", 0, tls));
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

    /** SameSite=Strict, Path=/, and Secure when the service is reached over HTTPS. */
    private static Cookie cookie(String name, String value, long maxAgeSeconds, boolean tls) {
        return Cookie.cookie(name, value).setSameSite(CookieSameSite.STRICT).setPath("/").setMaxAge(maxAgeSeconds)
                .setSecure(tls);
    }

    private static String text(JsonObject body, String key) {
        Object v = body.getValue(key);
        return v instanceof String s && !s.isEmpty() && s.length() <= MAX_FIELD_LENGTH ? s : null;
    }
}
