package io.anju.dashboards.session;

import io.anju.common.registry.Registry;
import io.anju.dashboards.reply.ApiError;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Who a dashboard request is for, from its {@code anju_session} cookie, and what that person may see. Every route
 * but the front end's files, sign-in, /health and /metrics asks it first.
 * <p>
 * A session is only as good as the case service's word: at most every {@link Recheck#every()} the person is read
 * again from the case service ({@code GET /api/v1/me} with their token). A disabled or removed account ends the
 * session and its live streams; a changed role or scope takes effect, and the live streams reconnect with it.
 * Sessions with a live stream open are re-read on a timer ({@link #recheckStreaming()}), the others on their next
 * request. While the case service does not answer, a session stays as it was: it is re-read at the next turn.
 */
public final class SessionGuard {
    private static final Logger LOG = LoggerFactory.getLogger(SessionGuard.class);
    /** The session cookie: HttpOnly, SameSite=Strict, Path=/ (and Secure over HTTPS). */
    public static final String COOKIE = "anju_session";
    private static final String VIEWER_KEY = "anju.viewer";

    /**
     * How the signed-in person is re-read.
     *
     * @param caseService the person as the case service knows them now, by their token; fails with a 401 or 403
     *                    {@link ApiError} when it no longer accepts them, with any other failure when it cannot tell
     * @param every       how old the last reading may be
     */
    public record Recheck(Function<String, Future<Viewer>> caseService, Duration every) {

        /** Sessions trusted as opened until they end (the live part's tests, which have no case service). */
        public static Recheck never() {
            return new Recheck(token -> Future.failedFuture("not rechecked"), Duration.ofDays(36_500));
        }
    }

    private final Supplier<Registry> registry;
    private final SessionStore sessions;
    private final Recheck recheck;
    private final SessionStreams streams = new SessionStreams();
    private final Map<String, Future<Viewer>> rechecking = new ConcurrentHashMap<>();

    /** @param registry the registry in use (read at each question, so scopes follow its revisions) */
    public SessionGuard(Supplier<Registry> registry, SessionStore sessions, Recheck recheck) {
        this.registry = registry;
        this.sessions = sessions;
        this.recheck = recheck;
        sessions.onEnd(streams::closeAll);
    }

    /** The signed-in viewer; fails with {@link ApiError#unauthorized()} (401) without a live session. */
    public Future<Viewer> viewer(RoutingContext ctx) {
        Viewer known = ctx.get(VIEWER_KEY);
        if (known != null) {
            return Future.succeededFuture(known);
        }
        return sessions.find(sessionId(ctx))
                .map(s -> current(s).map(v -> {
                    ctx.put(VIEWER_KEY, v);
                    return v;
                }))
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

    /** Ties a long-lived answer (a live stream) to the request's session: it is closed when the session ends. */
    public void holdOpen(RoutingContext ctx, HttpServerResponse stream) {
        String id = sessionId(ctx);
        if (id != null) {
            streams.hold(id, stream);
        }
    }

    /**
     * How often the server should call {@link #recheckStreaming()}: often enough that a reading falls due at most
     * this late (a second, or half the recheck span when that is shorter).
     */
    public Duration sweepEvery() {
        Duration half = recheck.every().dividedBy(2);
        return half.compareTo(Duration.ofSeconds(1)) < 0 ? half : Duration.ofSeconds(1);
    }

    /** Re-reads every session with a live stream open whose reading is due; the server calls this on a timer. */
    public void recheckStreaming() {
        for (String id : streams.sessionsWithStreams()) {
            sessions.find(id).ifPresentOrElse(this::current, () -> streams.closeAll(id));
        }
    }

    private Future<Viewer> current(SessionStore.Session s) {
        if (sessions.now().isBefore(s.checkedAt().plus(recheck.every()))) {
            return Future.succeededFuture(s.viewer());
        }
        // One reading per session at a time: the requests that come meanwhile wait for it.
        Promise<Viewer> reading = Promise.promise();
        Future<Viewer> pending = rechecking.putIfAbsent(s.id(), reading.future());
        if (pending != null) {
            return pending;
        }
        reread(s).onComplete(done -> {
            rechecking.remove(s.id(), reading.future());
            reading.handle(done);
        });
        return reading.future();
    }

    private Future<Viewer> reread(SessionStore.Session s) {
        Viewer was = s.viewer();
        return recheck.caseService().apply(was.token()).compose(now -> {
            Viewer fresh = new Viewer(now.name(), now.role(), now.scope(), now.displayName(), was.token());
            if (sessions.checked(s.id(), fresh).isEmpty()) {
                return Future.failedFuture(ApiError.unauthorized());
            }
            if (!sameAccess(was, fresh)) {
                LOG.info("{} is now {} of {}: their live streams reconnect with it", fresh.name(), fresh.role(),
                        fresh.scope());
                streams.closeAll(s.id());
            }
            return Future.succeededFuture(fresh);
        }, e -> {
            if (e instanceof ApiError refused && (refused.status() == 401 || refused.status() == 403)) {
                LOG.info("{} signed out of the dashboards: the case service no longer accepts them ({})", was.name(),
                        refused.getMessage());
                sessions.close(s.id());
                return Future.failedFuture(ApiError.unauthorized());
            }
            LOG.debug("could not re-read {} from the case service ({}); the session stays until the next turn",
                    was.name(), e.toString());
            sessions.checked(s.id(), was);
            return Future.succeededFuture(was);
        });
    }

    private static boolean sameAccess(Viewer a, Viewer b) {
        return a.name().equals(b.name()) && a.role().equals(b.role()) && a.scope().equals(b.scope())
                && Objects.equals(a.displayName(), b.displayName());
    }

    static String sessionId(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(COOKIE);
        return cookie == null ? null : cookie.getValue();
    }
}
