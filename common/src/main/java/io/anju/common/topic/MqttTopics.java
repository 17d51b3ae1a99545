package io.anju.common.topic;

import io.anju.common.model.DeviceType;

/** MQTT topic names of device protocol v1: {@code anju/v1/{type}/{deviceId}/{channel}}. */
public final class MqttTopics {
    public static final String ROOT = "anju/v1/";

    private MqttTopics() {
    }

    /** {@code anju/v1/{type}/{deviceId}/} — every topic a device may publish on starts with this. */
    public static String devicePrefix(DeviceType type, String deviceId) {
        return ROOT + type.wireName() + "/" + deviceId + "/";
    }

    public static String telemetry(DeviceType type, String deviceId) {
        return devicePrefix(type, deviceId) + "telemetry";
    }

    public static String event(DeviceType type, String deviceId) {
        return devicePrefix(type, deviceId) + "event";
    }

    public static String status(DeviceType type, String deviceId) {
        return devicePrefix(type, deviceId) + "status";
    }

    public static String snapshot(DeviceType type, String deviceId, String snapshotId) {
        return devicePrefix(type, deviceId) + "snapshot/" + snapshotId;
    }

    public static String command(DeviceType type, String deviceId) {
        return devicePrefix(type, deviceId) + "command";
    }

    public static String commandReply(DeviceType type, String deviceId) {
        return devicePrefix(type, deviceId) + "command/reply";
    }
}
