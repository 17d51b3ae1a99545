package io.anju.dashboards.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.json.Json;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.registry.Registry;
import io.anju.dashboards.session.ScopeView;
import io.anju.dashboards.web.ApiError;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The HTTP side of the live part (docs/dashboards-api.md): every route first asks {@link LiveAccess} for the
 * caller's scope and answers only within it. Errors are {@code {"error","message"}}.
 */
final class LiveRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(LiveRoutes.class);
    /** A stop request is a confirm string and a short reason. */
    static final int MAX_BODY_BYTES = 4 * 1024;
    static final int MAX_REASON_CHARS = 200;

    private final Registry registry;
    private final LiveState state;
    private final LiveStream stream;
    private final CommandSender commands;
    private final Clock clock;
    private final Counter commandsSent;

    private volatile CaseRelay caseRelay;

    LiveRoutes(Registry registry, LiveState state, LiveStream stream, CommandSender commands, Clock clock,
               MeterRegistry meters) {
        this.registry = registry;
        this.state = state;
        this.stream = stream;
        this.commands = commands;
        this.clock = clock;
        this.commandsSent = Counter.builder("anju.dashboards.live.commands.sent")
                .description("stop_port commands acknowledged by Kafka").register(meters);
    }

    void mount(Router router, LiveAccess access) {
        router.get("/api/crowd/zones").handler(scoped(access, this::zones));
        router.get("/api/chargers").handler(scoped(access, this::chargers));
        router.post("/api/chargers/:deviceId/ports/:port/stop")
                .handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES))
                .handler(scoped(access, this::stopPort));
        router.get("/api/commands/:commandId").handler(scoped(access, this::command));
        router.get("/api/alerts/active").handler(scoped(access, this::activeAlerts));
        router.get("/api/snapshots/:deviceId/:snapshotId").handler(scoped(access, this::snapshot));
        router.get("/api/live").handler(scoped(access, this::live));
    }

    private void zones(RoutingContext ctx, ScopeView scope) {
        json(ctx, 200, state.zones(scope));
    }

    private void chargers(RoutingContext ctx, ScopeView scope) {
        String compound = ctx.queryParams().get("compound");
        if (compound != null) {
            if (registry.compound(compound).isEmpty()) {
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

    private void stopPort(RoutingContext ctx, ScopeView scope) {
        String deviceId = ctx.pathParam("deviceId");
        Optional<Device> device = registry.device(deviceId).filter(d -> d.type() == DeviceType.CHARGER);
        if (device.isEmpty()) {
            error(ctx, 404, "not_found", "no charging station " + deviceId);
            return;
        }
        if (!scope.canCommand(deviceId)) {
            error(ctx, 403, "forbidden", "you may not command " + deviceId);
            return;
        }
        int ports = device.get().charger() == null ? 0 : device.get().charger().ports();
        int port = parsePort(ctx.pathParam("port"));
        if (port < 1 || port > ports) {
            error(ctx, 400, "bad_request", deviceId + " has ports 1–" + ports + " (was " + ctx.pathParam("port") + ")");
            return;
        }
        JsonNode body = bodyOf(ctx);
        String confirm = body.path("confirm").asText("");
        if (!confirm.equals(deviceId + "#" + port)) {
            error(ctx, 400, "bad_request", "confirm must be \"" + deviceId + "#" + port + "\"");
            return;
        }
        String reason = body.path("reason").asText("").strip();
        if (reason.length() > MAX_REASON_CHARS) {
            error(ctx, 400, "bad_request", "reason must be at most " + MAX_REASON_CHARS + " characters");
            return;
        }
        String viewer = scope.viewer().name();
        String commandId = CommandSender.newId();
        String text = ("dashboard: " + viewer + " " + reason).strip();
        state.commandIssued(commandId, deviceId, port, viewer);
        commands.send(deviceId, CommandSender.stopPort(commandId, clock.millis(), port, text)).onComplete(done -> {
            if (done.succeeded()) {
                commandsSent.increment();
                LOG.info("stop_port {} for {}#{} sent by {}", commandId, deviceId, port, viewer);
                json(ctx, 202, Map.of("commandId", commandId));
            } else {
                state.commandFailed(commandId);
                LOG.warn("stop_port for {}#{} by {} not sent: {}", deviceId, port, viewer, done.cause().toString());
                error(ctx, 503, "kafka_unavailable", "the command could not be sent; nothing was sent to the device");
            }
        });
    }

    private void command(RoutingContext ctx, ScopeView scope) {
        Optional<CommandView> command = state.command(ctx.pathParam("commandId"));
        if (command.isEmpty()) {
            error(ctx, 404, "not_found", "no command " + ctx.pathParam("commandId"));
        } else if (command.get().deviceId() == null || !scope.seesDevice(command.get().deviceId())) {
            error(ctx, 403, "forbidden", "that command is for a device outside your scope");
        } else {
            json(ctx, 200, command.get());
        }
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
        if (registry.device(deviceId).isEmpty()) {
            error(ctx, 404, "not_found", "no device " + deviceId);
            return;
        }
        if (!scope.seesDevice(deviceId)) {
            error(ctx, 403, "forbidden", "device " + deviceId + " is outside your scope");
            return;
        }
        Optional<Path> file = state.snapshotFile(deviceId, snapshotId).filter(Files::isRegularFile);
        if (file.isEmpty()) {
            error(ctx, 404, "not_found", "no snapshot " + snapshotId + " of " + deviceId);
            return;
        }
        ctx.response().putHeader("Content-Type", "image/jpeg")
                .putHeader("Cache-Control", "private, max-age=86400, immutable")
                .sendFile(file.get().toString())
                .onFailure(err -> LOG.debug("snapshot {} of {} not sent: {}", snapshotId, deviceId, err.toString()));
    }

    private void live(RoutingContext ctx, ScopeView scope) {
        if (!stream.open(ctx.response(), scope)) {
            error(ctx, 503, "too_many_streams", "the live stream is at its connection limit; try again shortly");
            return;
        }
        if (caseRelay != null) {
            caseRelay.attach(ctx.response(), scope.viewer().token());
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
                error(ctx, api.status(), api.kind(), api.getMessage());
            } else if (result.cause() instanceof HttpException http) {
                error(ctx, http.getStatusCode(), http.getStatusCode() == 401 ? "unauthorized" : "forbidden",
                        http.getPayload() != null ? http.getPayload() : "sign in first");
            } else {
                error(ctx, 401, "unauthorized", "sign in first");
            }
        });
    }

    private static JsonNode bodyOf(RoutingContext ctx) {
        try {
            byte[] bytes = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
            JsonNode node = bytes.length == 0 ? null : Json.tree(bytes);
            return node != null && node.isObject() ? node : Json.mapper().createObjectNode();
        } catch (IOException e) {
            return Json.mapper().createObjectNode();
        }
    }

    private static int parsePort(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static void json(RoutingContext ctx, int status, Object body) {
        HttpServerResponse r = ctx.response();
        if (r.ended() || r.closed()) {
            return;
        }
        r.setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store").end(Json.toString(body));
    }

    static void error(RoutingContext ctx, int status, String error, String message) {
        json(ctx, status, Map.of("error", error, "message", message));
    }
}
