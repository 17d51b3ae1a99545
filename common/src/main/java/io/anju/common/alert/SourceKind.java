package io.anju.common.alert;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What an alert is about: one device, one port of a charger, a building, a compound or a crowd zone. */
public enum SourceKind {
    DEVICE, PORT, BUILDING, COMPOUND, ZONE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static SourceKind fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
