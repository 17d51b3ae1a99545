package io.anju.cases.model;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which deadline an open case is held to: a new case must be acknowledged (verified), an acknowledged one
 * dispatched, a dispatched one handled. Supervision chases the deadline of the case's stage.
 */
public enum DeadlineStage {
    ACKNOWLEDGE, DISPATCH, HANDLE;

    /** The stage of a case in {@code state}; empty when nobody is held to a deadline (feedback, closed, …). */
    public static Optional<DeadlineStage> of(CaseState state) {
        return Optional.ofNullable(switch (state) {
            case COLLECTED -> ACKNOWLEDGE;
            case VERIFIED, ANALYSED -> DISPATCH;
            case DISPATCHED, IN_HANDLING, COORDINATING -> HANDLE;
            default -> null;
        });
    }

    /** Every state that has a stage: the states supervision looks at. */
    public static Set<CaseState> chasedStates() {
        Set<CaseState> states = EnumSet.noneOf(CaseState.class);
        for (CaseState s : CaseState.values()) {
            of(s).ifPresent(stage -> states.add(s));
        }
        return states;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeadlineStage fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
