package io.anju.cases.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How a case came in: from an alert of the stream jobs, or by hand. */
public enum Origin {
    ALERT, GRID_REPORT, RESIDENT_REPORT;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Origin fromWire(String name) {
        for (Origin o : values()) {
            if (o.wireName().equals(name)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown origin '" + name + "' (alert, grid_report or resident_report)");
    }
}
