package io.anju.cases.api;

import io.anju.cases.access.AccessPolicy;
import io.anju.cases.devices.DeviceChange;
import io.anju.cases.devices.DeviceRegistry;
import io.anju.cases.devices.DeviceView;
import io.anju.cases.devices.NewDevice;
import io.anju.cases.devices.bulk.DeviceImporter;
import io.anju.cases.diagnostics.DiagnosticsStore;
import io.anju.cases.twin.DeviceTwins;
import io.anju.cases.model.CaseException;
import io.anju.cases.model.Principal;
import io.anju.common.model.DeviceType;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The device registry's API: district operators list, read, add, disable, enable, move devices and rotate their
 * secrets, and read the audit; vendors list and read their own devices, their diagnostics and their twins
 * ({@link AccessPolicy#canSeeDevice}: another vendor's device is answered 404); every other role, and a vendor asking to
 * change, is refused with 403 saying so.
 */
final class DeviceHandlers {
    /** Body of POST /devices/{id}/move. */
    record MoveRequest(String to) {
    }

    /** Body of POST /devices/{id}/rotate-secret. */
    record RotateRequest(Integer graceSeconds) {
    }

    private final DeviceRegistry devices;
    private final AccessPolicy access;
    private final Callers callers;

    DeviceHandlers(DeviceRegistry devices, AccessPolicy access, Callers callers) {
        this.devices = devices;
        this.access = access;
        this.callers = callers;
    }

    void list(RoutingContext ctx) {
        read(ctx, who -> {
            Map<String, RequestParameter> q = RequestReader.validated(ctx).getQuery();
            DeviceType type = present(q, "type") ? DeviceType.fromWire(q.get("type").getString()).orElseThrow() : null;
            return devices.list(type, present(q, "compoundId") ? q.get("compoundId").getString() : null,
                    present(q, "enabled") ? q.get("enabled").getBoolean() : null)
                    .map(all -> all.stream().filter(d -> access.canSeeDevice(who, d.installation())).toList());
        });
    }

    void get(RoutingContext ctx) {
        read(ctx, who -> visible(who, deviceId(ctx)));
    }

    /** The device's connection history, rejections and commands, once the caller may see the device. */
    void diagnostics(RoutingContext ctx, DiagnosticsStore diagnostics) {
        read(ctx, who -> visible(who, deviceId(ctx)).compose(d -> diagnostics.of(d.id())));
    }

    /** The device's last known state and open cases, once the caller may see the device. */
    void twin(RoutingContext ctx, DeviceTwins twins) {
        read(ctx, who -> visible(who, deviceId(ctx)).compose(d -> twins.of(d.id(), d.type())));
    }

    void add(RoutingContext ctx) {
        respond(ctx, 201, who -> devices.add(RequestReader.body(ctx, NewDevice.class), who.name()));
    }

    void disable(RoutingContext ctx) {
        respond(ctx, 200, who -> devices.setEnabled(deviceId(ctx), false, who.name()));
    }

    void enable(RoutingContext ctx) {
        respond(ctx, 200, who -> devices.setEnabled(deviceId(ctx), true, who.name()));
    }

    void move(RoutingContext ctx) {
        respond(ctx, 200, who -> devices.move(deviceId(ctx), RequestReader.body(ctx, MoveRequest.class).to(),
                who.name()));
    }

    void rotateSecret(RoutingContext ctx) {
        respond(ctx, 200, who -> {
            String body = ctx.body() == null ? null : ctx.body().asString();
            Integer grace = body == null || body.isBlank() ? null
                    : RequestReader.body(ctx, RotateRequest.class).graceSeconds();
            return devices.rotateSecret(deviceId(ctx), grace == null ? null : Duration.ofSeconds(grace), who.name());
        });
    }

    /** POST /devices/import?dryRun=: a device CSV (text/csv), all or nothing; the added devices' secrets in the answer. */
    void importDevices(RoutingContext ctx) {
        respond(ctx, 200, who -> {
            String type = ctx.request().getHeader("Content-Type");
            if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("text/csv")) {
                throw CaseException.invalid("send the device CSV as text/csv (was " + type + ")");
            }
            Map<String, RequestParameter> q = RequestReader.validated(ctx).getQuery();
            boolean dryRun = present(q, "dryRun") && q.get("dryRun").getBoolean();
            return new DeviceImporter(devices).importCsv("the request body", ctx.body() == null ? "" : ctx.body().asString(),
                    dryRun, who.name());
        });
    }

    void changes(RoutingContext ctx) {
        respond(ctx, 200, who -> {
            Map<String, RequestParameter> q = RequestReader.validated(ctx).getQuery();
            return devices.changes(present(q, "deviceId") ? q.get("deviceId").getString() : null,
                    present(q, "limit") ? ((Number) q.get("limit").get()).intValue() : RequestReader.DEFAULT_LIMIT);
        });
    }

    /** A device the caller may see; any other is answered as not found, so other vendors' ids do not leak. */
    private Future<DeviceView> visible(Principal who, String id) {
        return devices.get(id).map(d -> {
            if (!access.canSeeDevice(who, d.installation())) {
                throw DeviceChange.noSuchDevice(id);
            }
            return d;
        });
    }

    /** Reading devices: district operators and vendors (the call narrows a vendor to their own devices). */
    private void read(RoutingContext ctx, Function<Principal, Future<?>> call) {
        callers.respond(ctx, 200, who -> {
            if (!access.mayReadDevices(who)) {
                throw refused(who);
            }
            return call.apply(who);
        });
    }

    /** Changing devices and reading the audit: district operators only. */
    private void respond(RoutingContext ctx, int status, Function<Principal, Future<?>> call) {
        callers.respond(ctx, status, who -> {
            if (!access.mayManageDevices(who)) {
                throw refused(who);
            }
            return call.apply(who);
        });
    }

    private static CaseException refused(Principal who) {
        return new CaseException(CaseException.Kind.FORBIDDEN, CaseException.Reason.DEVICES_DISTRICT_ONLY,
                "only district operators manage devices (" + who.name() + " is a " + who.role().wireName() + ")",
                who.role());
    }

    private static String deviceId(RoutingContext ctx) {
        return RequestReader.validated(ctx).getPathParameters().get("deviceId").getString();
    }

    private static boolean present(Map<String, RequestParameter> q, String name) {
        RequestParameter p = q.get(name);
        return p != null && !p.isNull();
    }
}
