package io.anju.cases.twin;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.diagnostics.DiagnosticEvent;
import io.anju.common.diagnostics.DiagnosticKind;
import io.anju.common.model.DeviceType;
import io.anju.common.model.Envelope;
import io.anju.common.twin.DeviceTwin;
import io.anju.common.twin.DeviceTwin.Connection;
import io.anju.common.twin.DeviceTwin.Port;
import io.anju.common.twin.DeviceTwin.Problem;
import io.anju.common.twin.DeviceTwin.Reported;
import io.anju.common.twin.DeviceTwin.Status;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * How a record of the streams changes a device's twin. Each part (status, telemetry, each charger port, last event,
 * connection, last error) is replaced only by a record at least as new by the gateway's receive time, so applying a
 * record twice, or an older one after a newer, changes nothing: the keeper may read a stream again after a restart
 * (at least once) without going back in time. A status without {@code fw} keeps the firmware last reported (a Will
 * names none). The answers are new twins, or the same instance when nothing changed; {@code updatedAt} is the
 * keeper's, stamped when it publishes.
 */
final class TwinRules {

    private TwinRules() {
    }

    /** A device nothing was seen of yet. */
    static DeviceTwin empty(String deviceId, DeviceType type) {
        return new DeviceTwin(deviceId, type, 0, null, null, null, null, List.of(), null, null);
    }

    static DeviceTwin apply(DeviceTwin t, Envelope e) {
        if (e.channel() == null || e.payload() == null) {
            return t;
        }
        long at = e.receivedAt();
        Long lastSeen = t.lastSeenAt() == null || at > t.lastSeenAt() ? Long.valueOf(at) : t.lastSeenAt();
        Status status = t.status();
        Reported telemetry = t.telemetry();
        List<Port> ports = t.ports();
        Reported lastEvent = t.lastEvent();
        switch (e.channel()) {
            case STATUS -> {
                if (status == null || at >= status.receivedAt()) {
                    String fw = text(e.payload(), "fw");
                    status = new Status(text(e.payload(), "state"),
                            fw != null || status == null ? fw : status.firmware(),
                            e.payload().path("rssi").isNumber() ? e.payload().get("rssi").intValue() : null,
                            e.ts(), at);
                }
            }
            case TELEMETRY -> {
                if (telemetry == null || at >= telemetry.receivedAt()) {
                    telemetry = new Reported(e.payload(), e.ts(), at);
                }
                if (e.type() == DeviceType.CHARGER) {
                    ports = ports(ports, e.payload().path("ports"), e.ts(), at);
                }
            }
            case EVENT -> {
                if (lastEvent == null || at >= lastEvent.receivedAt()) {
                    lastEvent = new Reported(e.payload(), e.ts(), at);
                }
            }
            default -> {
                // Other channels only tell that the device was there.
            }
        }
        DeviceTwin next = new DeviceTwin(t.deviceId(), t.type() == null ? e.type() : t.type(), t.updatedAt(), lastSeen,
                t.connection(), status, telemetry, ports, lastEvent, t.lastError());
        return next.equals(t) ? t : next;
    }

    /**
     * {@code connected} and {@code disconnected} are the connection; {@code refused}, {@code payload_rejected} and
     * {@code publish_refused} the last error.
     */
    static DeviceTwin apply(DeviceTwin t, DiagnosticEvent d) {
        Connection connection = t.connection();
        Problem lastError = t.lastError();
        switch (d.kind()) {
            case CONNECTED, DISCONNECTED -> {
                if (connection == null || d.ts() >= connection.since()) {
                    connection = new Connection(d.kind().wireName(), d.ts(), d.node(), d.protocol(),
                            d.kind() == DiagnosticKind.CONNECTED ? null : d.code());
                }
            }
            case REFUSED, PAYLOAD_REJECTED, PUBLISH_REFUSED -> {
                if (lastError == null || d.ts() >= lastError.at()) {
                    lastError = new Problem(d.kind().wireName(), d.code(), d.reason(), d.ts());
                }
            }
        }
        DeviceTwin next = new DeviceTwin(t.deviceId(), t.type(), t.updatedAt(), t.lastSeenAt(), connection,
                t.status(), t.telemetry(), t.ports(), t.lastEvent(), lastError);
        return next.equals(t) ? t : next;
    }

    /** The ports as they were, each one the telemetry names replaced when this telemetry is at least as new. */
    private static List<Port> ports(List<Port> before, JsonNode reported, long ts, long at) {
        if (!reported.isArray() || reported.isEmpty()) {
            return before;
        }
        TreeMap<Integer, Port> byNo = new TreeMap<>();
        before.forEach(p -> byNo.put(p.no(), p));
        for (JsonNode p : reported) {
            if (!p.path("no").canConvertToInt()) {
                continue;
            }
            int no = p.get("no").intValue();
            Port old = byNo.get(no);
            if (old == null || at >= old.receivedAt()) {
                byNo.put(no, new Port(no, text(p, "state"), number(p, "voltageV"), number(p, "currentA"),
                        number(p, "powerW"), number(p, "energyWh"), number(p, "tempC"), ts, at));
            }
        }
        return new ArrayList<>(byNo.values());
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isTextual() ? null : v.textValue();
    }

    private static Double number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isNumber() ? null : v.doubleValue();
    }
}
