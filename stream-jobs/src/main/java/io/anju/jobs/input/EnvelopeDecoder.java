package io.anju.jobs.input;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.json.Json;
import io.anju.common.model.DeviceType;
import io.anju.common.model.LocationChain;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one canonical envelope (as the gateway writes it, see docs/kafka-topics.md) into a typed
 * {@link DeviceInput}. The gateway has validated the payload against its channel's schema, so a record that does
 * not decode here was not written by a gateway: it is rejected with the reason, never guessed at.
 * Registry attributes (limits, zone, camera view) are attached later by the enrichment step.
 */
public final class EnvelopeDecoder {

    /** A record that is not a gateway envelope. */
    public static final class UndecodableEnvelope extends Exception {
        public UndecodableEnvelope(String reason) {
            super(reason);
        }
    }

    public DeviceInput decode(byte[] value) throws UndecodableEnvelope {
        JsonNode env;
        try {
            env = Json.tree(value);
        } catch (IOException e) {
            throw new UndecodableEnvelope("not_json: " + e.getMessage());
        }
        if (env == null || !env.isObject()) {
            throw new UndecodableEnvelope("not_object");
        }
        String deviceId = text(env, "deviceId");
        DeviceType type = deviceType(text(env, "type"));
        String channel = text(env, "channel");
        long ts = env.path("ts").asLong(0);
        if (ts <= 0) {
            throw new UndecodableEnvelope("missing_field: ts");
        }
        LocationChain location = location(env.path("location"));
        JsonNode payload = env.path("payload");
        boolean offline = "status".equals(channel) && "offline".equals(payload.path("state").asText());
        DeviceSeen seen = new DeviceSeen(deviceId, type, ts, location, offline);
        return switch (channel) {
            case "telemetry" -> switch (type) {
                case CHARGER -> new DeviceInput.Charger(seen, charger(deviceId, ts, location, payload));
                case CROWD -> new DeviceInput.Crowd(seen, crowd(deviceId, ts, location, payload));
                default -> new DeviceInput.Status(seen);
            };
            case "event" -> switch (type) {
                case CHARGER -> new DeviceInput.ChargerEvt(seen, new ChargerEvent(deviceId, ts, location,
                        payload.path("kind").asText(), optInt(payload, "port"), optDouble(payload, "value"),
                        optText(payload, "code")));
                case GATE -> new DeviceInput.Gate(seen, new GateEvent(deviceId, ts, location,
                        payload.path("kind").asText(), optText(payload, "direction"), optText(payload, "method"),
                        optText(payload, "personType"), optText(payload, "snapshotId")));
                case CAMERA -> new DeviceInput.Camera(seen, new CameraDetection(deviceId, ts, location,
                        payload.path("kind").asText(), payload.path("confidence").asDouble(0),
                        optText(payload, "snapshotId"), null, null));
                default -> new DeviceInput.Status(seen);
            };
            default -> new DeviceInput.Status(seen);
        };
    }

    private static ChargerTelemetry charger(String deviceId, long ts, LocationChain location, JsonNode p) {
        List<PortReading> ports = new ArrayList<>();
        for (JsonNode port : p.path("ports")) {
            ports.add(new PortReading(port.path("no").asInt(), port.path("state").asText("idle"),
                    port.path("voltageV").asDouble(0), port.path("currentA").asDouble(0),
                    port.path("powerW").asDouble(0), port.path("energyWh").asDouble(0),
                    port.path("tempC").asDouble(0)));
        }
        return new ChargerTelemetry(deviceId, ts, location, p.path("mainsV").asDouble(0),
                p.path("ambientC").asDouble(0), p.path("smoke").asBoolean(false), p.path("leakageMa").asDouble(0),
                List.copyOf(ports), null);
    }

    private static CrowdReading crowd(String deviceId, long ts, LocationChain location, JsonNode p) {
        return new CrowdReading(deviceId, ts, location, p.path("count").asInt(), p.path("inCount").asInt(0),
                p.path("outCount").asInt(0), p.path("intervalS").asInt(10), null);
    }

    private static LocationChain location(JsonNode l) throws UndecodableEnvelope {
        if (!l.isObject()) {
            throw new UndecodableEnvelope("missing_field: location");
        }
        return new LocationChain(optText(l, "subDistrictId"), optText(l, "communityId"), optText(l, "gridId"),
                optText(l, "compoundId"), optText(l, "zoneId"));
    }

    private static DeviceType deviceType(String wire) throws UndecodableEnvelope {
        for (DeviceType t : DeviceType.values()) {
            if (t.wireName().equals(wire)) {
                return t;
            }
        }
        throw new UndecodableEnvelope("bad_value: type '" + wire + "'");
    }

    private static String text(JsonNode n, String field) throws UndecodableEnvelope {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new UndecodableEnvelope("missing_field: " + field);
        }
        return v.asText();
    }

    private static String optText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Integer optInt(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isNumber() ? null : v.asInt();
    }

    private static Double optDouble(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isNumber() ? null : v.asDouble();
    }
}
