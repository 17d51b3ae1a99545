package io.anju.dashboards.session;

import io.anju.common.registry.Registry;
import io.anju.dashboards.reply.ApiError;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * Who a dashboard request is for, from its {@code anju_session} cookie, and what that person may see. Every route
 * but the front end's files, sign-in, /health and /metrics asks it first.
 */
public final class SessionGuard {
    /** The session cookie: HttpOnly, SameSite=Strict, Path=/. */
    public static final String COOKIE = "anju_session";
    private static final String VIEWER_KEY = "anju.viewer";

    private final Registry registry;
    private final SessionStore sessions;

    public SessionGuard(Registry registry, SessionStore sessions) {
        this.registry = registry;
        this.sessions = sessions;
    }

    /** The signed-in viewer; fails with {@link ApiError#unauthorized()} (401) without a live session. */
    public Future<Viewer> viewer(RoutingContext ctx) {
        Viewer known = ctx.get(VIEWER_KEY);
        if (known != null) {
            return Future.succeededFuture(known);
        }
        return sessions.find(sessionId(ctx))
                .map(s -> {
                    ctx.put(VIEWER_KEY, s.viewer());
                    return Future.succeededFuture(s.viewer());
                })
                .orElseGet(() -> Future.failedFuture(ApiError.unauthorized()));
    }

    /** What {@code viewer} may see and act on. */
    public ScopeView scope(Viewer viewer) {
        return new ScopeView(registry, viewer);
    }

    /** A route handler that lets only signed-in requests through (401 otherwise). */
    public Handler<RoutingContext> signedIn() {
        return ctx -> viewer(ctx).onSuccess(v -> ctx.next()).onFailure(ctx::fail);
    }

    static String sessionId(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(COOKIE);
        return cookie == null ? null : cookie.getValue();
    }
}
