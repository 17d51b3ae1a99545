package io.anju.gateway.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.model.Channel;
import io.anju.common.model.DeviceType;

import java.util.Set;
import java.util.function.Consumer;

import static io.anju.gateway.validate.Fields.integer;
import static io.anju.gateway.validate.Fields.number;
import static io.anju.gateway.validate.Fields.oneOf;
import static io.anju.gateway.validate.Fields.optionalBoolean;
import static io.anju.gateway.validate.Fields.optionalInteger;
import static io.anju.gateway.validate.Fields.optionalNumber;
import static io.anju.gateway.validate.Fields.optionalOneOf;
import static io.anju.gateway.validate.Fields.optionalText;
import static io.anju.gateway.validate.Fields.required;
import static io.anju.gateway.validate.Fields.text;

/** The per-type and per-channel schemas of device-protocol.md, beyond the common {@code ts}/{@code seq}. */
final class PayloadRules {
    static final Set<String> PORT_STATES = Set.of("idle", "charging", "full", "fault");
    static final Set<String> CHARGER_EVENTS = Set.of("overcurrent", "overtemp", "smoke", "leakage", "fuse", "full", "unplugged", "fault");
    static final Set<String> GATE_EVENTS = Set.of("pass", "denied", "forced_open", "held_open", "tailgate");
    static final Set<String> GATE_DIRECTIONS = Set.of("in", "out");
    static final Set<String> GATE_METHODS = Set.of("face", "card", "qr", "password", "remote");
    static final Set<String> PERSON_TYPES = Set.of("resident", "visitor", "unknown", "watchlist");
    static final Set<String> CAMERA_EVENTS = Set.of("ebike_in_elevator", "smoke", "flame", "fire_lane_blocked", "intrusion", "gathering");
    static final Set<String> STATUS_STATES = Set.of("online", "offline");
    static final Set<String> REPLY_RESULTS = Set.of("ok", "rejected", "failed");
    private static final String[] PORT_READINGS = {"voltageV", "currentA", "powerW", "energyWh", "tempC"};
    private static final String[] STATION_READINGS = {"mainsV", "ambientC", "leakageMa"};

    private PayloadRules() {
    }

    /** The rule for a type and channel; channels without a schema of their own only need {@code ts}/{@code seq}. */
    static Consumer<JsonNode> forMessage(DeviceType type, Channel channel) {
        return switch (channel) {
            case STATUS -> PayloadRules::status;
            case COMMAND_REPLY -> PayloadRules::commandReply;
            case TELEMETRY -> switch (type) {
                case CHARGER -> PayloadRules::chargerTelemetry;
                case CROWD -> PayloadRules::crowdTelemetry;
                default -> json -> { };
            };
            case EVENT -> switch (type) {
                case CHARGER -> PayloadRules::chargerEvent;
                case GATE -> PayloadRules::gateEvent;
                case CAMERA -> PayloadRules::cameraEvent;
                default -> json -> { };
            };
            case COMMAND, SNAPSHOT -> throw new IllegalArgumentException(channel + " has no JSON rule");
        };
    }

    static void chargerTelemetry(JsonNode json) {
        for (String reading : STATION_READINGS) {
            optionalNumber(json, reading, "");
        }
        optionalBoolean(json, "smoke", "");
        JsonNode ports = required(json, "ports", "");
        if (!ports.isArray()) {
            throw new InvalidPayload("bad_type", "ports must be an array");
        }
        for (int i = 0; i < ports.size(); i++) {
            JsonNode port = ports.get(i);
            String path = "ports[" + i + "].";
            if (!port.isObject()) {
                throw new InvalidPayload("bad_type", "ports[" + i + "] must be an object");
            }
            integer(port, "no", path, 1, 64);
            oneOf(port, "state", path, PORT_STATES);
            for (String reading : PORT_READINGS) {
                optionalNumber(port, reading, path);
            }
        }
    }

    static void chargerEvent(JsonNode json) {
        oneOf(json, "kind", "", CHARGER_EVENTS);
        optionalInteger(json, "port", "", 1, 64);
        optionalNumber(json, "value", "");
        optionalText(json, "code", "");
    }

    static void gateEvent(JsonNode json) {
        oneOf(json, "kind", "", GATE_EVENTS);
        optionalOneOf(json, "direction", "", GATE_DIRECTIONS);
        optionalOneOf(json, "method", "", GATE_METHODS);
        optionalOneOf(json, "personType", "", PERSON_TYPES);
        snapshotReference(json);
    }

    static void crowdTelemetry(JsonNode json) {
        integer(json, "count", "", 0, Integer.MAX_VALUE);
        integer(json, "inCount", "", 0, Integer.MAX_VALUE);
        integer(json, "outCount", "", 0, Integer.MAX_VALUE);
        integer(json, "intervalS", "", 0, Integer.MAX_VALUE);
    }

    static void cameraEvent(JsonNode json) {
        oneOf(json, "kind", "", CAMERA_EVENTS);
        number(json, "confidence", "", 0.0, 1.0);
        if (Fields.present(json, "bbox")) {
            JsonNode bbox = json.get("bbox");
            if (!bbox.isArray() || bbox.size() != 4) {
                throw new InvalidPayload("bad_type", "bbox must be an array [x,y,w,h]");
            }
            for (int i = 0; i < 4; i++) {
                if (!bbox.get(i).isNumber()) {
                    throw new InvalidPayload("bad_type", "bbox[" + i + "] must be a number");
                }
            }
        }
        snapshotReference(json);
    }

    static void status(JsonNode json) {
        oneOf(json, "state", "", STATUS_STATES);
        optionalText(json, "fw", "");
        optionalNumber(json, "rssi", "");
    }

    static void commandReply(JsonNode json) {
        text(json, "id", "");
        oneOf(json, "result", "", REPLY_RESULTS);
    }

    private static void snapshotReference(JsonNode json) {
        if (Fields.present(json, "snapshotId")) {
            String id = text(json, "snapshotId", "");
            if (!SnapshotCheck.isValidId(id)) {
                throw new InvalidPayload("bad_value", "snapshotId '" + Fields.abbreviate(id) + "'");
            }
        }
    }
}
