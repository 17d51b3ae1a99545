package io.anju.gateway.ingest;

import io.anju.common.model.Channel;
import io.anju.common.model.Device;

/**
 * One PUBLISH from an authenticated device that passed the topic ACL, handed from the MQTT side to ingest.
 *
 * @param device     the registered device (its type and location chain come from the registry)
 * @param channel    the channel parsed from the topic
 * @param snapshotId for {@link Channel#SNAPSHOT}: the device's id for the image; null otherwise
 * @param payload    the raw payload bytes (JSON, or JPEG for snapshots); owned by the callee
 * @param receivedAt gateway receive time, Unix ms
 * @param qos        the PUBLISH QoS (0 or 1; QoS 2 is completed by the MQTT side before this call)
 */
public record InboundMessage(Device device, Channel channel, String snapshotId, byte[] payload, long receivedAt, int qos) {
}
