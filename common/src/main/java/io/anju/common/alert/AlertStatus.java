package io.anju.common.alert;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where an alert is in its life: first raised, updated while the condition persists, cleared when it ends. */
public enum AlertStatus {
    RAISED, UPDATED, CLEARED;

    /** Computed once: the wire name is on every hot path (dedup keys, topic names). */
    private final String wire = name().toLowerCase(Locale.ROOT);

    @JsonValue
    public String wireName() {
        return wire;
    }

    @JsonCreator
    public static AlertStatus fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
