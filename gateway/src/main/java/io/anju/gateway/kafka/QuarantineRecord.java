package io.anju.gateway.kafka;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.anju.common.model.Channel;
import io.anju.common.model.DeviceType;

/**
 * What goes to {@code anju.quarantine} for a payload that failed validation: who sent it where, why it was refused,
 * and the payload itself (as text when it is UTF-8, else Base64), cut to {@code payloadMaxBytes}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QuarantineRecord(
        String deviceId,
        DeviceType type,
        Channel channel,
        String mqttTopic,
        String reason,
        long receivedAt,
        String gateway,
        int size,
        boolean truncated,
        String payloadText,
        String payloadBase64) {
}
