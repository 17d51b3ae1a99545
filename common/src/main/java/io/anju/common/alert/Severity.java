package io.anju.common.alert;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** China's early-warning colours, lowest to highest. The order of the constants is the order of urgency. */
public enum Severity {
    BLUE, YELLOW, ORANGE, RED;

    /** Computed once: the wire name is on every hot path (dedup keys, topic names). */
    private final String wire = name().toLowerCase(Locale.ROOT);

    @JsonValue
    public String wireName() {
        return wire;
    }

    @JsonCreator
    public static Severity fromWire(String name) {
        for (Severity s : values()) {
            if (s.wireName().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + name + "' (blue, yellow, orange, red)");
    }

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    /** One level up, red stays red. */
    public Severity raised() {
        return this == RED ? RED : values()[ordinal() + 1];
    }

    public static Severity max(Severity a, Severity b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
