package io.anju.cases.model;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a warning of a category and severity asks of people (the category table says which, per severity). Declared
 * from the least to the most demanding, so a higher severity may ask for more, never for less.
 */
public enum ResponseLevel {
    /** People are told; nothing waits for action ({@link CaseState#NOTICED}). */
    NOTICE,
    /** On the map and in the queue without dispatch or handling deadlines; promoted to a case if it rises. */
    WATCH,
    /** A case with deadlines that runs the whole loop. */
    CASE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The level of a wire name, or empty for an unknown one (the caller names where it was found). */
    public static Optional<ResponseLevel> fromWire(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName().equals(name)).findFirst();
    }

    public static String wireNames() {
        return Arrays.stream(values()).map(ResponseLevel::wireName).toList().toString();
    }
}
