package io.anju.gateway.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.util.RawValue;
import io.anju.common.json.Json;
import io.anju.common.model.Channel;
import io.anju.common.topic.QuarantineRecord;
import io.anju.common.model.Device;
import io.anju.common.model.Envelope;
import io.anju.common.topic.MqttTopics;
import io.anju.common.topic.Topics;
import io.anju.gateway.ingest.InboundMessage;
import io.anju.gateway.validate.PlainText;


/** Turns an inbound message into the Kafka topic and value the platform reads: envelope, reference or quarantine. */
final class RecordFactory {
    private final String gateway;
    private final long skewToleranceMs;
    private final int quarantinePayloadMax;

    RecordFactory(String gateway, long skewToleranceMs, int quarantinePayloadMax) {
        this.gateway = gateway;
        this.skewToleranceMs = skewToleranceMs;
        this.quarantinePayloadMax = quarantinePayloadMax;
    }

    /** The topic of a valid message on its channel (snapshots go to {@link Topics#SNAPSHOTS} as a reference). */
    static String topicOf(InboundMessage m) {
        return switch (m.channel()) {
            case TELEMETRY -> Topics.telemetry(m.device().type());
            case EVENT -> Topics.EVENTS;
            case STATUS -> Topics.STATUS;
            case SNAPSHOT -> Topics.SNAPSHOTS;
            case COMMAND_REPLY -> Topics.COMMAND_RESULTS;
            case COMMAND -> throw new IllegalArgumentException("devices do not publish commands");
        };
    }

    /** {@code payload} is the validated tree of {@code m.payload()}. */
    byte[] envelope(InboundMessage m, JsonNode payload) {
        long ts = payload.path("ts").asLong();
        long seq = payload.path("seq").asLong();
        // Validated printable-ASCII JSON is embedded as it came: same content, without re-serialising the tree.
        JsonNode body = PlainText.isPrintableAscii(m.payload())
                ? JsonNodeFactory.instance.rawValueNode(new RawValue(new RawJson(m.payload())))
                : payload;
        return envelope(m, ts, seq, body);
    }

    byte[] snapshotReference(InboundMessage m, String sha256) {
        JsonNode ref = Json.mapper().valueToTree(new SnapshotReference(m.snapshotId(), sha256, m.payload().length, "image/jpeg"));
        // A JPEG carries no device time of its own: the gateway's receive time stands in for it.
        return envelope(m, m.receivedAt(), 0, ref);
    }

    private byte[] envelope(InboundMessage m, long ts, long seq, JsonNode payload) {
        Device d = m.device();
        boolean skewed = Math.abs(m.receivedAt() - ts) > skewToleranceMs;
        return Json.toBytes(new Envelope(d.id(), d.type(), m.channel(), ts, seq, m.receivedAt(), gateway, skewed, d.location(), payload));
    }

    byte[] quarantine(InboundMessage m, String reason) {
        Device d = m.device();
        return Json.toBytes(QuarantineRecord.ofPayload(d.id(), d.type(), m.channel(), mqttTopic(m), gateway, reason,
                m.receivedAt(), QuarantineRecord.Payload.of(m.payload(), quarantinePayloadMax,
                        m.channel() != Channel.SNAPSHOT)));
    }

    private static String mqttTopic(InboundMessage m) {
        Device d = m.device();
        if (m.channel() == Channel.SNAPSHOT) {
            return MqttTopics.snapshot(d.type(), d.id(), m.snapshotId() == null ? "" : m.snapshotId());
        }
        return MqttTopics.devicePrefix(d.type(), d.id()) + m.channel().wireName();
    }
}
