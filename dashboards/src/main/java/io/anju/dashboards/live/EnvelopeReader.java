package io.anju.dashboards.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.json.Json;
import io.anju.common.model.Channel;
import io.anju.common.model.DeviceType;
import io.anju.common.model.Envelope;
import io.anju.common.model.LocationChain;

import java.io.IOException;

/**
 * Reads the gateway's envelopes. Through the tree rather than straight into {@link Envelope}: the gateway leaves out
 * fields with default values ({@code clockSkewed:false}), which the record's primitives would refuse as missing.
 */
final class EnvelopeReader {

    private EnvelopeReader() {
    }

    /** The envelope, or an {@link IllegalArgumentException} naming what is missing. */
    static Envelope read(byte[] value) throws IOException {
        JsonNode n = Json.tree(value);
        if (n == null || !n.isObject() || !n.path("deviceId").isTextual()) {
            throw new IllegalArgumentException("not an envelope: no deviceId");
        }
        DeviceType type = n.hasNonNull("type") ? Json.mapper().treeToValue(n.get("type"), DeviceType.class) : null;
        Channel channel = n.path("channel").isTextual() ? Channel.fromWire(n.path("channel").asText()).orElse(null)
                : null;
        LocationChain location = n.hasNonNull("location")
                ? Json.mapper().treeToValue(n.get("location"), LocationChain.class) : null;
        long ts = n.path("ts").asLong();
        return new Envelope(n.path("deviceId").asText(), type, channel, ts, n.path("seq").asLong(),
                n.path("receivedAt").asLong(ts), n.path("gateway").asText(null), n.path("clockSkewed").asBoolean(false),
                location, n.get("payload"));
    }
}
