package io.anju.dashboards.live;

import io.anju.common.json.Json;
import io.anju.common.registry.Registry;
import io.anju.common.text.Lang;
import io.anju.dashboards.reply.ApiError;
import io.anju.dashboards.reply.JsonReplies;
import io.anju.dashboards.session.ScopeView;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The HTTP side of the live part (docs/dashboards-api.md): every route first asks {@link LiveAccess} for the
 * caller's scope and answers only within it. Errors are {@code {"error","message","detail"}} ({@link JsonReplies}).
 */
final class LiveRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(LiveRoutes.class);

    private final Supplier<Registry> registry;
    private final LiveState state;
    private final LiveStream stream;

    private volatile CaseRelay caseRelay;

    LiveRoutes(Supplier<Registry> registry, LiveState state, LiveStream stream) {
        this.registry = registry;
        this.state = state;
        this.stream = stream;
    }

    void mount(Router router, LiveAccess access) {
        router.get("/api/crowd/zones").handler(scoped(access, this::zones));
        router.get("/api/chargers").handler(scoped(access, this::chargers));
        router.get("/api/alerts/active").handler(scoped(access, this::activeAlerts));
        router.get("/api/snapshots/:deviceId/:snapshotId").handler(scoped(access, this::snapshot));
        router.get("/api/live").handler(scoped(access, (ctx, scope) -> live(ctx, scope, access)));
    }

    private void zones(RoutingContext ctx, ScopeView scope) {
        json(ctx, 200, state.zones(scope));
    }

    private void chargers(RoutingContext ctx, ScopeView scope) {
        String compound = ctx.queryParams().get("compound");
        if (compound != null) {
            if (registry.get().compound(compound).isEmpty()) {
                error(ctx, 404, "not_found", "no compound " + compound);
                return;
            }
            if (!scope.seesCompound(compound)) {
                error(ctx, 403, "forbidden", "compound " + compound + " is outside your scope");
                return;
            }
        }
        json(ctx, 200, state.chargers(scope, compound));
    }

    private void activeAlerts(RoutingContext ctx, ScopeView scope) {
        String kind = ctx.queryParams().get("kind");
        Optional<AlertKind> filter = kind == null ? Optional.empty() : AlertKind.fromWire(kind);
        if (kind != null && filter.isEmpty()) {
            error(ctx, 400, "bad_request", "kind must be crowd or charger (was " + kind + ")");
            return;
        }
        json(ctx, 200, state.activeAlerts(scope, filter));
    }

    private void snapshot(RoutingContext ctx, ScopeView scope) {
        String deviceId = ctx.pathParam("deviceId");
        String snapshotId = ctx.pathParam("snapshotId");
        if (registry.get().device(deviceId).isEmpty()) {
            error(ctx, 404, "not_found", "no device " + deviceId);
            return;
        }
        if (!scope.seesDevice(deviceId)) {
            error(ctx, 403, "forbidden", "device " + deviceId + " is outside your scope");
            return;
        }
        Optional<Path> file = state.snapshotFile(deviceId, snapshotId);
        if (file.isEmpty()) {
            error(ctx, 404, "not_found", "no snapshot " + snapshotId + " of " + deviceId);
            return;
        }
        if (!Files.isRegularFile(file.get())) {
            gone(ctx, deviceId, snapshotId);
            return;
        }
        ctx.response().putHeader("Content-Type", "image/jpeg")
                .putHeader("Cache-Control", "private, max-age=86400, immutable")
                .sendFile(file.get().toString())
                .onFailure(err -> {
                    LOG.debug("snapshot {} of {} not sent: {}", snapshotId, deviceId, err.toString());
                    if (!ctx.response().headWritten()) {
                        gone(ctx, deviceId, snapshotId); // deleted between the check and the send
                    }
                });
    }

    /** The reference is known but the image is not: the gateway's retention deleted it (docs/operations.md). */
    private static void gone(RoutingContext ctx, String deviceId, String snapshotId) {
        error(ctx, 410, "gone", "snapshot " + snapshotId + " of " + deviceId
                + " is no longer stored (deleted by the gateway's snapshot retention)");
    }

    private void live(RoutingContext ctx, ScopeView scope, LiveAccess access) {
        if (!stream.open(ctx.response(), scope)) {
            error(ctx, 503, "too_many_streams", "the live stream is at its connection limit; try again shortly");
            return;
        }
        access.holdOpen(ctx, ctx.response());
        if (caseRelay != null) {
            caseRelay.attach(ctx.response(), scope.viewer().token(),
                    Lang.ofRequest(ctx.request().getParam("lang"), ctx.request().getHeader("Accept-Language")));
        }
    }

    /** Also relays the case service's notices on each live stream ({@code case} events). */
    void relayCases(CaseRelay relay) {
        this.caseRelay = relay;
    }

    /** Runs {@code route} with the caller's scope; answers 401 (or the guard's status) when there is none. */
    private static Handler<RoutingContext> scoped(LiveAccess access, BiConsumer<RoutingContext, ScopeView> route) {
        return ctx -> access.scope(ctx).onComplete(result -> {
            if (result.succeeded()) {
                route.accept(ctx, result.result());
            } else if (result.cause() instanceof ApiError api) {
                JsonReplies.error(ctx, api);
            } else if (result.cause() instanceof HttpException http) {
                error(ctx, http.getStatusCode(), http.getStatusCode() == 401 ? "unauthorized" : "forbidden",
                        http.getPayload() != null ? http.getPayload() : "sign in first");
            } else {
                error(ctx, 401, "unauthorized", "sign in first");
            }
        });
    }

    static void json(RoutingContext ctx, int status, Object body) {
        HttpServerResponse r = ctx.response();
        if (r.ended() || r.closed()) {
            return;
        }
        r.setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store").end(Json.toString(body));
    }

    static void error(RoutingContext ctx, int status, String error, String detail) {
        if (!ctx.response().ended() && !ctx.response().closed()) {
            JsonReplies.error(ctx, status, error, detail);
        }
    }
}
