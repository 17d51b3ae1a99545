package io.anju.jobs.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.anju.common.model.DeviceType;
import io.anju.common.model.LocationChain;
import io.anju.jobs.time.ClockRule;

import java.io.IOException;

import static io.anju.jobs.input.JsonValues.longValue;
import static io.anju.jobs.input.JsonValues.skip;
import static io.anju.jobs.input.JsonValues.textOr;

/**
 * Turns one canonical envelope (as the gateway writes it, see docs/kafka-topics.md) into a typed
 * {@link DeviceInput}, reading the JSON as a token stream (no tree, fast double parsing): the job decodes every
 * envelope the gateway accepts, so this is the hottest code in it. Field order does not matter; when the payload comes
 * before the envelope's {@code type} and {@code channel} it is skipped and read again once they are known.
 * The gateway has validated the payload against its channel's schema, so a record that does not decode here was not
 * written by a gateway: it is rejected with the reason, never guessed at. Unknown fields are skipped.
 * The payload of each kind of message is read by {@link ChannelPayloads}. Event time follows the {@link ClockRule}.
 * Registry attributes (limits, zone, camera view) are attached later by
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
                case CHARGER -> ChannelPayloads.charger(body, seen(h, eventTs));
                case CROWD -> ChannelPayloads.crowd(body, seen(h, eventTs));
                default -> status(body, h, eventTs);
            };
            case "event" -> switch (h.type) {
                case CHARGER -> ChannelPayloads.chargerEvent(body, seen(h, eventTs));
                case GATE -> ChannelPayloads.gateEvent(body, seen(h, eventTs));
                case CAMERA -> ChannelPayloads.cameraEvent(body, seen(h, eventTs));
                default -> status(body, h, eventTs);
            };
            default -> status(body, h, eventTs);
        };
    }

    private DeviceSeen seen(Header h, long eventTs) {
        return new DeviceSeen(h.deviceId, h.type, eventTs, h.receivedAt, h.location, h.offline, eventTs != h.ts);
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
}
