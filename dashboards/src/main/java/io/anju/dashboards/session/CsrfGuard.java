package io.anju.dashboards.session;

import io.anju.dashboards.reply.ApiError;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps other sites from changing anything with a signed-in person's cookie (cross-site request forgery). Every
 * {@code /api} request but GET, HEAD and OPTIONS must
 * <ol>
 *     <li>come from the dashboards' own pages ({@link OriginCheck}), sign-in included (login CSRF);</li>
 *     <li>be JSON ({@code Content-Type: application/json}): a form or {@code text/plain} body, which another site's
 *     page can send without asking, is refused;</li>
 *     <li>with a session cookie, carry the session's CSRF token in {@value #HEADER}: the front end reads it from the
 *     {@value #COOKIE} cookie, which only pages of this origin can read. The token is checked against the session,
 *     so a cookie planted from a sibling subdomain does not help. Sign-in has no session yet and needs none.</li>
 * </ol>
 * Refusals are 403 {@code csrf_origin} or {@code csrf_token}, and 415 {@code json_required}.
 */
public final class CsrfGuard implements Handler<RoutingContext> {
    /** The header the front end sends the token in. */
    public static final String HEADER = "X-CSRF-Token";
    /** The cookie the token comes in: readable by the front end's script (not HttpOnly), SameSite=Strict. */
    public static final String COOKIE = "anju_csrf";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final String SIGN_IN = "/api/session";

    private final SessionStore sessions;
    private final OriginCheck origins;

    public CsrfGuard(SessionStore sessions, OriginCheck origins) {
        this.sessions = sessions;
        this.origins = origins;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (SAFE.contains(request.method())) {
            ctx.next();
            return;
        }
        Optional<String> foreign = origins.refusal(request);
        if (foreign.isPresent()) {
            ctx.fail(new ApiError(403, "csrf_origin", foreign.get()));
            return;
        }
        if (mustBeJson(ctx) && !isJson(request.getHeader("Content-Type"))) {
            ctx.fail(new ApiError(415, "json_required", "changes are sent as JSON (Content-Type: application/json)"));
            return;
        }
        boolean signIn = request.method() == HttpMethod.POST && SIGN_IN.equals(ctx.normalizedPath());
        Optional<SessionStore.Session> session = sessions.find(SessionGuard.sessionId(ctx));
        if (!signIn && session.isPresent() && !matches(session.get().csrfToken(), request.getHeader(HEADER))) {
            ctx.fail(new ApiError(403, "csrf_token", "the request lacks this session's " + HEADER
                    + " (from the " + COOKIE + " cookie); reload the page"));
            return;
        }
        ctx.next();
    }

    /** POST, PUT and PATCH always carry a body; DELETE only may. */
    private static boolean mustBeJson(RoutingContext ctx) {
        HttpMethod m = ctx.request().method();
        return m == HttpMethod.POST || m == HttpMethod.PUT || m == HttpMethod.PATCH
                || (ctx.body().buffer() != null && ctx.body().length() > 0);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json");
    }

    private static boolean matches(String expected, String sent) {
        return sent != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                sent.getBytes(StandardCharsets.UTF_8));
    }
}
