package io.anju.gateway.downlink;

/** How an attempt to hand a command to a device ended. */
public enum DeliveryOutcome {
    /** The device acknowledged the QoS 1 PUBLISH. */
    DELIVERED,
    /** The device is not connected to this node. */
    OFFLINE,
    /** The device was connected but did not acknowledge in time. */
    TIMEOUT,
    /** The command is unknown to the registry or not for this device type. */
    UNKNOWN_DEVICE,
    /** Not sent: its PUBLISH is larger than the Maximum Packet Size the device announced (MQTT 5). */
    TOO_LARGE
}
