package io.anju.jobs.detect.gate;

import java.util.Locale;
import java.util.Optional;

/** The {@code kind} of a gate event, as the device sends it. */
public enum GateKind {
    PASS, DENIED, FORCED_OPEN, HELD_OPEN, TAILGATE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<GateKind> fromWire(String kind) {
        for (GateKind k : values()) {
            if (k.wireName().equals(kind)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
