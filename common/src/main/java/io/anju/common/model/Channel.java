package io.anju.common.model;

import java.util.Optional;

/** The last topic segment(s) of {@code anju/v1/{type}/{deviceId}/{channel}} and their direction. */
public enum Channel {
    TELEMETRY("telemetry", true),
    EVENT("event", true),
    STATUS("status", true),
    SNAPSHOT("snapshot", true),
    COMMAND("command", false),
    COMMAND_REPLY("command/reply", true);

    private final String wireName;
    private final boolean uplink;

    Channel(String wireName, boolean uplink) {
        this.wireName = wireName;
        this.uplink = uplink;
    }

    public String wireName() {
        return wireName;
    }

    /** True when devices publish on it; false for the gateway-to-device command channel. */
    public boolean isUplink() {
        return uplink;
    }

    public static Optional<Channel> fromWire(String name) {
        for (Channel c : values()) {
            if (c.wireName.equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
