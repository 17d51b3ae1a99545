package io.anju.cases.model;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;
import java.util.Optional;

/** The "1 + 9 + 131" chain a case climbs when it is escalated: grid → community → sub-district → district. */
public enum Level {
    GRID, COMMUNITY, SUB_DISTRICT, DISTRICT;

    /** The level one step up, or empty at the district, which has nowhere higher to go. */
    public Optional<Level> up() {
        return this == DISTRICT ? Optional.empty() : Optional.of(values()[ordinal() + 1]);
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
