package io.anju.common.topic;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.anju.common.model.Channel;
import io.anju.common.model.DeviceType;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * The value of a record on {@code anju.quarantine} (docs/kafka-topics.md): what was refused, why, and its bytes as
 * kept. The gateway writes one for a device payload that failed validation ({@link #ofPayload}: device, channel, MQTT
 * topic, gateway); the case intake for a record of {@code anju.alerts} it cannot apply ({@link #ofRecord}: who, and
 * where the record was read, so it can be found and replayed, with a stable code). Either way: the reason, when it
 * was refused, and the payload ({@link Payload}). Fields a writer has no value for are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QuarantineRecord(String source, String deviceId, DeviceType type, Channel channel, String mqttTopic,
                               String gateway, String topic, Integer partition, Long offset, String key, String code,
                               String reason, long receivedAt, int size, boolean truncated, String payloadText,
                               String payloadBase64) {

    /** The refused bytes as kept: their size, whether cut to a bound, as text when that is UTF-8, else Base64. */
    public record Payload(int size, boolean truncated, String text, String base64) {

        /** @param asText false for bytes that are never text (a snapshot's JPEG): always Base64 */
        public static Payload of(byte[] raw, int maxBytes, boolean asText) {
            byte[] bytes = raw == null ? new byte[0] : raw;
            boolean truncated = bytes.length > maxBytes;
            byte[] kept = truncated ? Arrays.copyOf(bytes, maxBytes) : bytes;
            String text = asText ? utf8OrNull(kept) : null;
            return new Payload(bytes.length, truncated, text,
                    text == null ? Base64.getEncoder().encodeToString(kept) : null);
        }
    }

    /** A device payload the gateway refused. */
    public static QuarantineRecord ofPayload(String deviceId, DeviceType type, Channel channel, String mqttTopic,
                                             String gateway, String reason, long receivedAt, Payload p) {
        return new QuarantineRecord(null, deviceId, type, channel, mqttTopic, gateway, null, null, null, null, null,
                reason, receivedAt, p.size(), p.truncated(), p.text(), p.base64());
    }

    /** A record of another topic that {@code source} could not take, with where it was read and a stable code. */
    public static QuarantineRecord ofRecord(String source, String topic, int partition, long offset, String key,
                                            String code, String reason, long receivedAt, Payload p) {
        return new QuarantineRecord(source, null, null, null, null, null, topic, partition, offset, key, code, reason,
                receivedAt, p.size(), p.truncated(), p.text(), p.base64());
    }

    /** The bytes as a string when they are well-formed UTF-8, else null. */
    public static String utf8OrNull(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
