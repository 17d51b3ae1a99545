package io.anju.cases.supervise;

import io.anju.cases.model.Level;
import io.anju.cases.supervise.SupervisionSettings.Spans;

import java.time.Instant;

/**
 * When the next supervision step of a case is due, from what is stored with it: the deadline of its stage, the
 * reminders sent and the escalations done in that stage. Reminder n+1 is due at deadline + n × remindEvery;
 * escalation k+1 at deadline + (k+1) × escalateAfter while there is a level above. Because these are pure functions of
 * stored columns, a restarted service continues the same schedule without repeating a step.
 */
public final class SupervisionPlan {

    private SupervisionPlan() {
    }

    public static Instant nextReminder(Instant deadline, int reminders, Spans s) {
        return deadline.plus(s.remindEvery().multipliedBy(reminders));
    }

    /** Null when the case is at the district, which has nowhere higher to go. */
    public static Instant nextEscalation(Instant deadline, int escalations, Level level, Spans s) {
        return level.up().isPresent() ? deadline.plus(s.escalateAfter().multipliedBy(escalations + 1L)) : null;
    }

    public static Instant nextAt(Instant deadline, int reminders, int escalations, Level level, Spans s) {
        Instant reminder = nextReminder(deadline, reminders, s);
        Instant escalation = nextEscalation(deadline, escalations, level, s);
        return escalation != null && escalation.isBefore(reminder) ? escalation : reminder;
    }
}
