package io.anju.cases.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What a person asks to do with a case; {@code io.anju.cases.lifecycle.Lifecycle} says from which states. */
public enum CaseAction {
    /** Confirm on site or by evidence that the problem is real. */
    VERIFY,
    /** Analysis and judgement at a command centre. */
    ANALYSE,
    /** Hand the case to its department and start the handling deadline. */
    DISPATCH,
    /** The handler accepts and starts work. */
    START,
    /** Pull another department in. */
    COORDINATE,
    /** The handler reports the result. */
    SUBMIT_FEEDBACK,
    /** The check found the work not done: back to handling, flagged reworked. */
    REWORK,
    /** The check found the work done. */
    CLOSE,
    /** Score the handling (1–5). */
    EVALUATE,
    /** Filed in error: a false alarm or a duplicate. Counted against accurate filing. */
    VOID,
    /** Make a watch item a case with deadlines, as a rise of its alert would. */
    PROMOTE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static CaseAction fromWire(String name) {
        for (CaseAction a : values()) {
            if (a.wireName().equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown action '" + name + "'");
    }
}
