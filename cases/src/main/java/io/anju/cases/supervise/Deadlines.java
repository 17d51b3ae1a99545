package io.anju.cases.supervise;

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
