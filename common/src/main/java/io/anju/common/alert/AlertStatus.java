package io.anju.common.alert;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where an alert is in its life: first raised, updated while the condition persists, cleared when it ends. */
public enum AlertStatus {
    RAISED, UPDATED, CLEARED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static AlertStatus fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
