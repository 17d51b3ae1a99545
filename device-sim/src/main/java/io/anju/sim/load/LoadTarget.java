package io.anju.sim.load;

import io.anju.common.model.DeviceType;
import io.anju.common.topic.MqttTopics;

/** One connection of a load run: which device it plays and where it publishes. */
public record LoadTarget(String deviceId, DeviceType type, String secret) {

    public String telemetryTopic() {
        return MqttTopics.telemetry(type, deviceId);
    }
}
