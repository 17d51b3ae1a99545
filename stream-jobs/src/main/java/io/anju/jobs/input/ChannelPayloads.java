package io.anju.jobs.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static io.anju.jobs.input.JsonValues.booleanValue;
import static io.anju.jobs.input.JsonValues.doubleValue;
import static io.anju.jobs.input.JsonValues.intValue;
import static io.anju.jobs.input.JsonValues.skip;
import static io.anju.jobs.input.JsonValues.textOr;

/**
 * Reads the payload of each kind of device message into its typed reading, for {@link EnvelopeDecoder} (which has read
 * the envelope around it). Each reader is given the parser inside the payload object, or null when the envelope has
 * no payload object: then every field takes its default. Unknown fields are skipped.
 */
final class ChannelPayloads {

    static DeviceInput charger(JsonParser p, DeviceSeen seen) throws IOException {
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
        return new DeviceInput.Charger(seen, new ChargerTelemetry(seen.deviceId(), seen.ts(), seen.location(), mainsV, ambientC,
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

    static DeviceInput crowd(JsonParser p, DeviceSeen seen) throws IOException {
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
        return new DeviceInput.Crowd(seen, new CrowdReading(seen.deviceId(), seen.ts(), seen.location(), count, in, out,
                intervalS, null));
    }

    static DeviceInput chargerEvent(JsonParser p, DeviceSeen seen) throws IOException {
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
        return new DeviceInput.ChargerEvt(seen, new ChargerEvent(seen.deviceId(), seen.ts(), seen.location(), kind, port, value,
                code));
    }

    static DeviceInput gateEvent(JsonParser p, DeviceSeen seen) throws IOException {
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
        return new DeviceInput.Gate(seen, new GateEvent(seen.deviceId(), seen.ts(), seen.location(), kind, direction, method,
                personType, snapshotId));
    }

    static DeviceInput cameraEvent(JsonParser p, DeviceSeen seen) throws IOException {
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
        return new DeviceInput.Camera(seen, new CameraDetection(seen.deviceId(), seen.ts(), seen.location(), kind, confidence,
                snapshotId, null, null));
    }

    private ChannelPayloads() {
    }
}
