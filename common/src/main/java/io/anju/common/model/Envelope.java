package io.anju.common.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The canonical record the gateway writes to Kafka for every accepted device message.
 *
 * @param deviceId      the publishing device (also the Kafka record key)
 * @param type          device type
 * @param channel       the MQTT channel it arrived on
 * @param ts            device time, Unix ms (event time downstream)
 * @param seq           the device's per-message counter
 * @param receivedAt    gateway receive time, Unix ms
 * @param gateway       id of the gateway node that received it
 * @param clockSkewed   true when device time and gateway time differ by more than the configured bound (5 min)
 * @param location      location chain from the registry
 * @param payload       the device's JSON payload, unknown fields kept
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record Envelope(
        String deviceId,
        DeviceType type,
        Channel channel,
        long ts,
        long seq,
        long receivedAt,
        String gateway,
        boolean clockSkewed,
        LocationChain location,
        JsonNode payload) {
}
