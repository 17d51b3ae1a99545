package io.anju.cases.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where a case stands in Lianhu's nine-step closed loop. Collection and problem discovery are one state
 * ({@link #COLLECTED}: a device or a person reported it); supervision is not a state but runs beside the
 * handling states as deadlines, reminders and escalation. {@link #VOIDED} ends a case filed in error (a false alarm).
 * A warning whose category asks only for watching is a {@link #WATCHING} item until it rises to a case, clears or is
 * voided; one that asks only for a notice is recorded as {@link #NOTICED}, which nothing follows.
 */
public enum CaseState {
    WATCHING, COLLECTED, VERIFIED, ANALYSED, DISPATCHED, IN_HANDLING, COORDINATING, FEEDBACK_SUBMITTED, CLOSED,
    EVALUATED, VOIDED, NOTICED;

    /** The states that are not {@link #open()}, as an SQL list: {@code ('closed', 'evaluated', …)}. */
    public static final String ENDED_SQL = Arrays.stream(values()).filter(s -> !s.open())
            .map(s -> "'" + s.wireName() + "'").collect(Collectors.joining(", ", "(", ")"));

    /**
     * Open cases hold their dedup key: a new alert of the same key joins them instead of opening another. A watch
     * item is open (it is promoted, not duplicated, when its alert rises); a notice is not.
     */
    public boolean open() {
        return this != CLOSED && this != EVALUATED && this != VOIDED && this != NOTICED;
    }

    /** States in which someone is working the case against its handling deadline. */
    public boolean underDeadline() {
        return this == DISPATCHED || this == IN_HANDLING || this == COORDINATING;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static CaseState fromWire(String name) {
        for (CaseState s : values()) {
            if (s.wireName().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown case state '" + name + "'");
    }
}
