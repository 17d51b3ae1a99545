package io.anju.conformance.watch;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.model.Channel;
import io.anju.common.model.Envelope;

/**
 * A message of the device the gateway accepted (an envelope of the device topics or {@code anju.command-results}).
 *
 * @param ts         the device's {@code ts} (for a snapshot the receive time: a JPEG carries none)
 * @param seq        the device's {@code seq}, or null when it sent none (snapshots, replies without one)
 * @param receivedAt the gateway's receive time on the kit's {@link TimeScale}
 */
public record Message(Channel channel, long ts, Long seq, long receivedAt, boolean clockSkewed, JsonNode payload) {

    /**
     * Reads an envelope ({@link Envelope}, docs/kafka-topics.md) from its JSON tree: the gateway leaves fields with
     * default values out, which a record of primitives cannot be read from.
     */
    public static Message ofEnvelope(JsonNode e) {
        Channel channel = Channel.fromWire(e.path("channel").asText())
                .orElseThrow(() -> new IllegalArgumentException("envelope without a known channel: " + e.path("channel")));
        JsonNode payload = e.get("payload");
        Long seq = channel == Channel.SNAPSHOT || payload == null || !payload.has("seq") ? null : e.path("seq").asLong();
        return new Message(channel, e.path("ts").asLong(), seq, e.path("receivedAt").asLong(),
                e.path("clockSkewed").asBoolean(false), payload);
    }

    /** A {@code status} message saying {@code offline}: the Will. */
    public boolean isOfflineStatus() {
        return channel == Channel.STATUS && "offline".equals(text("state"));
    }

    /** A {@code status} heartbeat or online announcement. */
    public boolean isOnlineStatus() {
        return channel == Channel.STATUS && !isOfflineStatus();
    }

    /** A text field of the payload, or null. */
    public String text(String field) {
        JsonNode n = payload == null ? null : payload.get(field);
        return n != null && n.isTextual() ? n.textValue() : null;
    }
}
