package io.anju.common.model;

import java.util.Locale;
import java.util.Optional;

/** The kinds of device the platform takes traffic from; the lower-case name is the MQTT topic segment. */
public enum DeviceType {
    CHARGER, GATE, CROWD, CAMERA;

    /** Computed once: the wire name is on every hot path (dedup keys, topic names). */
    private final String wire = name().toLowerCase(Locale.ROOT);

    /** The name as it appears in topics, JSON and Kafka topic names. */
    public String wireName() {
        return wire;
    }

    public static Optional<DeviceType> fromWire(String name) {
        for (DeviceType t : values()) {
            if (t.wireName().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
