package io.anju.cases.supervise;

import io.anju.cases.model.CaseState;
import io.anju.cases.model.DeadlineStage;
import io.anju.cases.store.CaseDraft;

import java.time.Instant;
import java.util.Optional;

/**
 * Keeps a case on the supervision schedule of its stage. Every change of a case calls {@link #follow}: when the case
 * reached another stage (acknowledged, dispatched) its reminder and escalation counts start again at 0 against the
 * new deadline; otherwise the schedule is recomputed from the same counts (a deadline brought forward moves it too).
 * A case without a stage (feedback given, closed) is not chased, but keeps its counts for when rework returns it.
 */
public final class Deadlines {
    private final SupervisionSettings settings;

    public Deadlines(SupervisionSettings settings) {
        this.settings = settings;
    }

    /**
     * A person's step moves {@code d} to {@code to} at {@code now}: the first step from collected acknowledges it (the
     * time to acknowledge counts), the case follows the deadline of its new stage, and a later re-raise of its alert no
     * longer returns it to an older step.
     */
    public void stepTo(CaseDraft d, CaseState to, Instant now) {
        if (d.state == CaseState.COLLECTED && d.acknowledgedAt == null) {
            d.acknowledgedAt = now;
        }
        d.state = to;
        follow(d);
        d.stateBeforeClear = null;
    }

    public void follow(CaseDraft d) {
        Optional<DeadlineStage> stage = DeadlineStage.of(d.state);
        if (stage.isEmpty()) {
            d.nextSupervisionAt = null;
            return;
        }
        if (stage.get() != d.supervisionStage) {
            d.supervisionStage = stage.get();
            d.reminders = 0;
            d.escalations = 0;
        }
        Instant deadline = deadline(d);
        d.nextSupervisionAt = deadline == null ? null : SupervisionPlan.nextAt(deadline, d.reminders, d.escalations,
                d.assignedLevel, settings.spans(d.supervisionStage));
    }

    /** The deadline of the stage the case is in; null when it has none (a case filed before deadlines existed). */
    public static Instant deadline(CaseDraft d) {
        if (d.supervisionStage == null) {
            return null;
        }
        return switch (d.supervisionStage) {
            case ACKNOWLEDGE -> d.acknowledgeDueAt;
            case DISPATCH -> d.dispatchDueAt;
            case HANDLE -> d.deadlineAt;
        };
    }
}
