package io.anju.cases.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Where a case stands in Lianhu's nine-step closed loop. Collection and problem discovery are one state
 * ({@link #COLLECTED}: a device or a person reported it); supervision is not a state but runs beside the
 * handling states as deadlines, reminders and escalation. {@link #VOIDED} ends a case filed in error (a false alarm).
 */
public enum CaseState {
    COLLECTED, VERIFIED, ANALYSED, DISPATCHED, IN_HANDLING, COORDINATING, FEEDBACK_SUBMITTED, CLOSED, EVALUATED, VOIDED;

    /** Open cases hold their dedup key: a new alert of the same key joins them instead of opening another. */
    public boolean open() {
        return this != CLOSED && this != EVALUATED && this != VOIDED;
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
