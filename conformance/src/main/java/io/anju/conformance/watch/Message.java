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

    /** The message an envelope ({@link Envelope}, docs/kafka-topics.md) carries. */
    public static Message of(Envelope e) {
        JsonNode payload = e.payload();
        Long seq = e.channel() == Channel.SNAPSHOT || payload == null || !payload.has("seq") ? null : e.seq();
        return new Message(e.channel(), e.ts(), seq, e.receivedAt(), e.clockSkewed(), payload);
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
