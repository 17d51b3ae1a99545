package io.anju.cases.commands;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A reason not to resume a port: {@code alert_open} (an alert that caused its stop has not cleared),
 * {@code temperature_high} (the port is at or above its limit) or {@code temperature_unknown} (no recent reading, or
 * the time-series store did not answer). {@code facts} name what it is about (alert id, temperature, limit, reading time) for the audit.
 */
public record Guard(String code, String message, Map<String, Object> facts) {
    public static final String ALERT_OPEN = "alert_open";
    public static final String TEMPERATURE_HIGH = "temperature_high";
    public static final String TEMPERATURE_UNKNOWN = "temperature_unknown";

    public Guard {
        facts = Map.copyOf(facts);
    }

    /** What the guards say, in English, one after the other (the audit note and the answer's detail). */
    static String messages(List<Guard> guards) {
        return String.join("; ", guards.stream().map(Guard::message).filter(Objects::nonNull).toList());
    }

    Map<String, Object> asData() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("code", code);
        d.put("message", message);
        d.putAll(facts);
        return d;
    }
}
