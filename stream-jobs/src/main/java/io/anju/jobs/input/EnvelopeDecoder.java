package io.anju.jobs.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.anju.common.model.DeviceType;
import io.anju.common.model.LocationChain;
import io.anju.jobs.time.ClockRule;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one canonical envelope (as the gateway writes it, see docs/kafka-topics.md) into a typed
 * {@link DeviceInput}, reading the JSON as a token stream (no tree, fast double parsing): the job decodes every
 * envelope the gateway accepts, so this is the hottest code in it. Field order does not matter; when the payload comes
 * before the envelope's {@code type} and {@code channel} it is skipped and read again once they are known.
 * The gateway has validated the payload against its channel's schema, so a record that does not decode here was not
 * written by a gateway: it is rejected with the reason, never guessed at. Unknown fields are skipped.
 * Event time follows the {@link ClockRule}. Registry attributes (limits, zone, camera view) are attached later by
 * {@link io.anju.jobs.registry.Enrichment}.
 */
public final class EnvelopeDecoder {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    /** A record that is not a gateway envelope. */
    public static final class UndecodableEnvelope extends Exception {
        public UndecodableEnvelope(String reason) {
            super(reason);
        }
    }

    private final ClockRule clock;
    private final Runnable onClockCorrected;

    /** @param onClockCorrected told of every reading whose event time is its receive time instead of its own */
    public EnvelopeDecoder(ClockRule clock, Runnable onClockCorrected) {
        this.clock = clock;
        this.onClockCorrected = onClockCorrected;
    }

    /** The envelope fields the payload's meaning depends on. */
    private static final class Header {
        String deviceId;
        DeviceType type;
        String channel;
        long ts;
        long receivedAt;
        boolean hasReceivedAt;
        LocationChain location;
        boolean hasLocation;
        DeviceInput decoded;
        int payloadFrom = -1;
        int payloadTo = -1;
        boolean offline;

        boolean knowsKind() {
            return type != null && channel != null;
        }
    }

    public DeviceInput decode(byte[] value) throws UndecodableEnvelope {
        try (JsonParser p = JSON.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new UndecodableEnvelope("not_object");
            }
            Header h = new Header();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "deviceId" -> h.deviceId = t == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "type" -> h.type = t == JsonToken.VALUE_STRING ? deviceType(p.getText()) : null;
                    case "channel" -> h.channel = t == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "ts" -> h.ts = longValue(p, t);
                    case "receivedAt" -> {
                        h.receivedAt = longValue(p, t);
                        h.hasReceivedAt = true;
                    }
                    case "location" -> {
                        h.hasLocation = t == JsonToken.START_OBJECT;
                        h.location = h.hasLocation ? location(p) : skip(p, null);
                    }
                    case "payload" -> {
                        if (h.knowsKind() && h.deviceId != null && h.ts > 0 && h.hasLocation && h.hasReceivedAt) {
                            h.decoded = payload(p, t, h);
                        } else {
                            h.payloadFrom = (int) p.currentTokenLocation().getByteOffset();
                            p.skipChildren();
                            h.payloadTo = (int) p.currentLocation().getByteOffset();
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            require(h.deviceId != null && !h.deviceId.isEmpty(), "deviceId");
            require(h.type != null, "type");
            require(h.channel != null && !h.channel.isEmpty(), "channel");
            require(h.ts > 0, "ts");
            require(h.hasLocation, "location");
            if (h.decoded != null) {
                return h.decoded;
            }
            if (h.payloadFrom < 0) {
                return payload(null, null, h);
            }
            try (JsonParser later = JSON.createParser(value, h.payloadFrom, h.payloadTo - h.payloadFrom)) {
                return payload(later, later.nextToken(), h);
            }
        } catch (IOException e) {
            throw new UndecodableEnvelope("not_json: " + e.getMessage());
        }
    }

    /** Reads the payload ({@code p} at its first token {@code t}; both null when there is none) for the header. */
    private DeviceInput payload(JsonParser p, JsonToken t, Header h) throws IOException {
        long eventTs = clock.eventTime(h.ts, h.receivedAt);
        if (eventTs != h.ts) {
            onClockCorrected.run();
        }
        boolean object = t == JsonToken.START_OBJECT;
        if (p != null && !object) {
            p.skipChildren();
        }
        JsonParser body = object ? p : null;
        return switch (h.channel) {
            case "telemetry" -> switch (h.type) {
                case CHARGER -> charger(body, h, eventTs);
                case CROWD -> crowd(body, h, eventTs);
                default -> status(body, h, eventTs);
            };
            case "event" -> switch (h.type) {
                case CHARGER -> chargerEvent(body, h, eventTs);
                case GATE -> gateEvent(body, h, eventTs);
                case CAMERA -> cameraEvent(body, h, eventTs);
                default -> status(body, h, eventTs);
            };
            default -> status(body, h, eventTs);
        };
    }

    private DeviceSeen seen(Header h, long eventTs) {
        return new DeviceSeen(h.deviceId, h.type, eventTs, h.receivedAt, h.location, h.offline, eventTs != h.ts);
    }

    private DeviceInput charger(JsonParser p, Header h, long ts) throws IOException {
        double mainsV = 0;
        double ambientC = 0;
        boolean smoke = false;
        double leakageMa = 0;
        List<PortReading> ports = new ArrayList<>(12);
        if (p != null) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "mainsV" -> mainsV = doubleValue(p, t, 0);
                    case "ambientC" -> ambientC = doubleValue(p, t, 0);
                    case "smoke" -> smoke = booleanValue(p, t);
                    case "leakageMa" -> leakageMa = doubleValue(p, t, 0);
                    case "ports" -> ports(p, t, ports);
                    default -> p.skipChildren();
                }
            }
        }
        return new DeviceInput.Charger(seen(h, ts), new ChargerTelemetry(h.deviceId, ts, h.location, mainsV, ambientC,
                smoke, leakageMa, List.copyOf(ports), null));
    }

    private static void ports(JsonParser p, JsonToken t, List<PortReading> out) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        JsonToken item;
        while ((item = p.nextToken()) != JsonToken.END_ARRAY) {
            if (item != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            int no = 0;
            String state = "idle";
            double voltageV = 0;
            double currentA = 0;
            double powerW = 0;
            double energyWh = 0;
            double tempC = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "no" -> no = intValue(p, v, 0);
                    case "state" -> state = portState(p, v);
                    case "voltageV" -> voltageV = doubleValue(p, v, 0);
                    case "currentA" -> currentA = doubleValue(p, v, 0);
                    case "powerW" -> powerW = doubleValue(p, v, 0);
                    case "energyWh" -> energyWh = doubleValue(p, v, 0);
                    case "tempC" -> tempC = doubleValue(p, v, 0);
                    default -> p.skipChildren();
                }
            }
            out.add(new PortReading(no, state, voltageV, currentA, powerW, energyWh, tempC));
        }
    }

    /** A port's state: one of the four known ones without a new string (ten per telemetry), else as sent. */
    private static String portState(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            char[] text = p.getTextCharacters();
            int offset = p.getTextOffset();
            int length = p.getTextLength();
            for (String known : PortReading.STATES) {
                if (sameChars(known, text, offset, length)) {
                    return known;
                }
            }
        }
        return textOr(p, t, "idle");
    }

    private static boolean sameChars(String s, char[] text, int offset, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) != text[offset + i]) {
                return false;
            }
        }
        return true;
    }

    private DeviceInput crowd(JsonParser p, Header h, long ts) throws IOException {
        int count = 0;
        int in = 0;
        int out = 0;
        int intervalS = 10;
        if (p != null) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "count" -> count = intValue(p, t, 0);
                    case "inCount" -> in = intValue(p, t, 0);
                    case "outCount" -> out = intValue(p, t, 0);
                    case "intervalS" -> intervalS = intValue(p, t, 10);
                    default -> p.skipChildren();
                }
            }
        }
        return new DeviceInput.Crowd(seen(h, ts), new CrowdReading(h.deviceId, ts, h.location, count, in, out,
                intervalS, null));
    }

    private DeviceInput chargerEvent(JsonParser p, Header h, long ts) throws IOException {
        String kind = "";
        Integer port = null;
        Double value = null;
        String code = null;
        if (p != null) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "kind" -> kind = textOr(p, t, "");
                    case "port" -> port = t.isNumeric() ? intValue(p, t, 0) : skip(p, null);
                    case "value" -> value = t.isNumeric() ? p.getDoubleValue() : skip(p, null);
                    case "code" -> code = textOr(p, t, null);
                    default -> p.skipChildren();
                }
            }
        }
        return new DeviceInput.ChargerEvt(seen(h, ts), new ChargerEvent(h.deviceId, ts, h.location, kind, port, value,
                code));
    }

    private DeviceInput gateEvent(JsonParser p, Header h, long ts) throws IOException {
        String kind = "";
        String direction = null;
        String method = null;
        String personType = null;
        String snapshotId = null;
        if (p != null) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "kind" -> kind = textOr(p, t, "");
                    case "direction" -> direction = textOr(p, t, null);
                    case "method" -> method = textOr(p, t, null);
                    case "personType" -> personType = textOr(p, t, null);
                    case "snapshotId" -> snapshotId = textOr(p, t, null);
                    default -> p.skipChildren();
                }
            }
        }
        return new DeviceInput.Gate(seen(h, ts), new GateEvent(h.deviceId, ts, h.location, kind, direction, method,
                personType, snapshotId));
    }

    private DeviceInput cameraEvent(JsonParser p, Header h, long ts) throws IOException {
        String kind = "";
        double confidence = 0;
        String snapshotId = null;
        if (p != null) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "kind" -> kind = textOr(p, t, "");
                    case "confidence" -> confidence = doubleValue(p, t, 0);
                    case "snapshotId" -> snapshotId = textOr(p, t, null);
                    default -> p.skipChildren();
                }
            }
        }
        return new DeviceInput.Camera(seen(h, ts), new CameraDetection(h.deviceId, ts, h.location, kind, confidence,
                snapshotId, null, null));
    }

    /** Status, and anything else that only tells that the device is alive; a status may say it is going away. */
    private DeviceInput status(JsonParser p, Header h, long ts) throws IOException {
        boolean statusChannel = "status".equals(h.channel);
        if (p != null) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (statusChannel && field.equals("state")) {
                    h.offline = "offline".equals(textOr(p, t, null));
                } else {
                    p.skipChildren();
                }
            }
        }
        return new DeviceInput.Status(seen(h, ts));
    }

    private static LocationChain location(JsonParser p) throws IOException {
        String subDistrict = null;
        String community = null;
        String grid = null;
        String compound = null;
        String zone = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "subDistrictId" -> subDistrict = textOr(p, t, null);
                case "communityId" -> community = textOr(p, t, null);
                case "gridId" -> grid = textOr(p, t, null);
                case "compoundId" -> compound = textOr(p, t, null);
                case "zoneId" -> zone = textOr(p, t, null);
                default -> p.skipChildren();
            }
        }
        return new LocationChain(subDistrict, community, grid, compound, zone);
    }

    private static DeviceType deviceType(String wire) throws UndecodableEnvelope {
        return switch (wire) {
            case "charger" -> DeviceType.CHARGER;
            case "gate" -> DeviceType.GATE;
            case "crowd" -> DeviceType.CROWD;
            case "camera" -> DeviceType.CAMERA;
            default -> throw new UndecodableEnvelope("bad_value: type '" + wire + "'");
        };
    }

    private static void require(boolean ok, String field) throws UndecodableEnvelope {
        if (!ok) {
            throw new UndecodableEnvelope("missing_field: " + field);
        }
    }

    /** A scalar as text (numbers and booleans in their JSON form); {@code fallback} for null and structures. */
    private static String textOr(JsonParser p, JsonToken t, String fallback) throws IOException {
        if (t.isScalarValue() && t != JsonToken.VALUE_NULL) {
            return p.getValueAsString();
        }
        p.skipChildren();
        return fallback;
    }

    private static double doubleValue(JsonParser p, JsonToken t, double fallback) throws IOException {
        if (t.isNumeric()) {
            return p.getDoubleValue();
        }
        p.skipChildren();
        return fallback;
    }

    private static int intValue(JsonParser p, JsonToken t, int fallback) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getIntValue();
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            return (int) p.getDoubleValue();
        }
        p.skipChildren();
        return fallback;
    }

    private static long longValue(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            return (long) p.getDoubleValue();
        }
        p.skipChildren();
        return 0;
    }

    private static boolean booleanValue(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            return t == JsonToken.VALUE_TRUE;
        }
        p.skipChildren();
        return false;
    }

    private static <T> T skip(JsonParser p, T value) throws IOException {
        p.skipChildren();
        return value;
    }
}
