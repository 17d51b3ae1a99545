package io.anju.common.alert;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What an alert is about: one device, one port of a charger, a building, a compound or a crowd zone. */
public enum SourceKind {
    DEVICE, PORT, BUILDING, COMPOUND, ZONE;

    /** Computed once: the wire name is on every hot path (dedup keys, topic names). */
    private final String wire = name().toLowerCase(Locale.ROOT);

    @JsonValue
    public String wireName() {
        return wire;
    }

    @JsonCreator
    public static SourceKind fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
