package io.anju.sim.load;

import io.anju.common.model.DeviceType;
import io.anju.common.topic.MqttTopics;

/** One connection of a load run: which device it plays and where it publishes. */
public record LoadTarget(String deviceId, DeviceType type, String secret) {

    /** Where message {@code seq} goes: a snapshot of its own id, or the device's telemetry. */
    public String topic(LoadSettings s, long seq) {
        return s.snapshots() ? MqttTopics.snapshot(type, deviceId, "load-" + seq) : MqttTopics.telemetry(type, deviceId);
    }
}
