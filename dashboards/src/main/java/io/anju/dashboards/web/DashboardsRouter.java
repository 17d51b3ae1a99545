package io.anju.dashboards.web;

import io.anju.common.http.MethodTag;
import io.anju.common.http.MetricsAccess;
import io.anju.common.http.SecurityHeaders;
import io.anju.dashboards.history.CrowdHistoryEndpoint;
import io.anju.dashboards.ops.OpsMonitor;
import io.anju.dashboards.reply.ApiError;
import io.anju.dashboards.reply.JsonReplies;
import io.anju.dashboards.session.CsrfGuard;
import io.anju.dashboards.session.SessionGuard;
import io.anju.dashboards.session.SessionHandlers;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The dashboards' routes, in order: the API of docs/dashboards-api.md (session, places, crowd history, the case
 * proxy, ops, then the live part's routes), /health and /metrics, and the front end's files from the classpath
 * {@code webroot/} at {@code /}. Every answer carries the security headers; every change under {@code /api} passes
 * the {@link CsrfGuard} first. Errors are {@code {"error", "message", "detail"}} JSON, the message in the request's
 * language ({@link JsonReplies}).
 */
public final class DashboardsRouter {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardsRouter.class);
    /** Largest request body: sign-in, transitions and stop commands are small JSON objects. */
    static final long BODY_LIMIT_BYTES = 256 * 1024;
    /** Hashed-name assets may be cached by browsers; index.html is revalidated so a new release shows at once. */
    static final long STATIC_MAX_AGE_S = 3600;
    static final String WEBROOT = "webroot";

    /**
     * What the front end's pages may load and run: their own files only (no inline script or style, no eval), images
     * of their own and the empty favicon ({@code data:}), requests to their own origin; nobody may frame them.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    /** Everything the routes serve. */
    public record Parts(SessionGuard guard, CsrfGuard csrf, SessionHandlers session, PlacesView places,
                        CrowdHistoryEndpoint history, CasesProxy cases, OpsMonitor ops, HealthEndpoint health,
                        PrometheusMeterRegistry metrics, MetricsAccess metricsAccess, LiveModule live) {
    }

    private DashboardsRouter() {
    }

    public static Router create(Vertx vertx, Parts p) {
        Router router = Router.router(vertx);
        router.route().handler(ctx -> timed(ctx, p.metrics()));
        router.route().handler(ctx -> {
            SecurityHeaders.apply(ctx.response(), CONTENT_SECURITY_POLICY);
            ctx.next();
        });
        router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));
        router.route("/api/*").handler(p.csrf());

        router.post("/api/session").handler(p.session()::signIn);
        router.get("/api/session").handler(p.session()::current);
        router.delete("/api/session").handler(p.session()::signOut);
        router.get("/api/places").handler(ctx -> p.guard().viewer(ctx).onFailure(ctx::fail)
                .onSuccess(v -> JsonReplies.send(ctx, 200, p.places().of(p.guard().scope(v)))));
        router.get("/api/crowd/history").handler(p.history()::handle);
        router.route("/api/cases").handler(p.cases()::handle);
        router.route("/api/cases/*").handler(p.cases()::handle);
        router.get("/api/kpis").handler(p.cases()::handle);
        // Devices are only read here (the device page); they are changed through the case service or ./anju device.
        router.get("/api/devices").handler(p.cases()::handle);
        router.get("/api/devices/*").handler(p.cases()::handle);
        router.get("/api/ops").handler(ctx -> ops(ctx, p));
        p.live().mount(router, p.guard());
        router.route("/api/*").handler(ctx -> ctx.fail(ApiError.notFound("no such API: " + ctx.request().method()
                + " " + ctx.normalizedPath())));

        router.get("/health").handler(p.health()::handle);
        router.get("/metrics").handler(ctx -> metrics(ctx, p));

        router.getWithRegex("/(index\\.html)?").handler(ctx -> {
            ctx.addHeadersEndHandler(v -> ctx.response().putHeader("Cache-Control", "no-cache"));
            ctx.next();
        });
        router.route("/*").handler(StaticHandler.create(WEBROOT).setCachingEnabled(true)
                .setMaxAgeSeconds(STATIC_MAX_AGE_S).setIndexPage("index.html").setDirectoryListing(false));
        router.route().failureHandler(DashboardsRouter::failure);
        return router;
    }

    private static void ops(RoutingContext ctx, Parts p) {
        p.guard().viewer(ctx).onFailure(ctx::fail).onSuccess(v -> {
            if (!v.isOperator()) {
                ctx.fail(ApiError.forbidden("operations are for district, sub-district and community operators"));
                return;
            }
            p.ops().current().onSuccess(report -> JsonReplies.send(ctx, 200, report)).onFailure(ctx::fail);
        });
    }

    private static void metrics(RoutingContext ctx, Parts p) {
        String caller = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
        p.metricsAccess().refusal(caller, ctx.request().getHeader("Authorization")).ifPresentOrElse(
                why -> ctx.fail(ApiError.forbidden(why)),
                () -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                        .end(p.metrics().scrape()));
    }

    private static void timed(RoutingContext ctx, PrometheusMeterRegistry metrics) {
        long started = System.nanoTime();
        ctx.addBodyEndHandler(v -> Timer.builder("anju.dashboards.http.requests")
                .tag("method", MethodTag.of(ctx.request().method().name()))
                .tag("status", Integer.toString(ctx.response().getStatusCode()))
                .register(metrics)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
        ctx.next();
    }

    private static void failure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof ApiError e) {
            JsonReplies.error(ctx, e);
        } else if (failure == null && ctx.statusCode() > 0) {
            int status = ctx.statusCode();
            JsonReplies.error(ctx, status, status == 404 ? "not_found" : status == 413 ? "too_large" : "invalid",
                    "HTTP " + status);
        } else {
            LOG.error("{} {} failed", ctx.request().method(), ctx.normalizedPath(), failure);
            JsonReplies.error(ctx, 500, "internal", "the dashboards service failed; see its log");
        }
    }
}
