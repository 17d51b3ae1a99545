package io.anju.cases.supervise;

import io.anju.cases.model.CaseState;
import io.anju.cases.model.DeadlineStage;
import io.anju.cases.model.Level;
import io.anju.cases.routing.CategoryTable;
import io.anju.cases.routing.GridRouter;
import io.anju.cases.store.CaseDraft;
import io.anju.cases.store.NewEvent;
import io.anju.cases.testing.TestPlaces;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The supervision schedule on one case, without a database: which steps fall due when, and in which order. */
class SupervisorStepsTest {
    private static final Instant DEADLINE = Instant.parse("2026-11-29T04:00:00Z");
    private final Supervisor supervisor = new Supervisor(null,
            new GridRouter(TestPlaces.registry(), CategoryTable.defaults(), null), null, SupervisionSettings.defaults());

    @Test
    void nothingBeforeTheDeadline() {
        CaseDraft d = dispatchedCase();
        assertThat(supervisor.dueSteps(d, DEADLINE.minusSeconds(1))).isEmpty();
        assertThat(d.overdue).isFalse();
        assertThat(d.nextSupervisionAt).isEqualTo(DEADLINE);
    }

    @Test
    void atTheDeadlineTheCaseIsOverdueAndRemindedOnce() {
        CaseDraft d = dispatchedCase();
        assertThat(kinds(supervisor.dueSteps(d, DEADLINE))).containsExactly("reminder");
        assertThat(d.overdue).isTrue();
        assertThat(d.nextSupervisionAt).isEqualTo(DEADLINE.plus(Duration.ofMinutes(15)));
        assertThat(supervisor.dueSteps(d, DEADLINE.plusSeconds(60))).isEmpty();
    }

    @Test
    void aLongPauseCatchesUpEveryEscalationInOrder_withOneReminderPerSpan_andStopsClimbingAtTheDistrict() {
        CaseDraft d = dispatchedCase();
        // Reminders fall due at 0, 15, 30, 45, 60, 75, 90, 105 min, escalations at 30, 60, 90 (then the district):
        // between two escalations only the latest due reminder is sent, saying how many it stands for.
        List<NewEvent> steps = supervisor.dueSteps(d, DEADLINE.plus(Duration.ofMinutes(110)));
        assertThat(kinds(steps)).containsExactly("reminder", "escalated", "reminder", "escalated", "reminder",
                "escalated", "reminder");
        assertThat(steps).filteredOn(e -> e.kind().equals("reminder")).extracting(e -> e.data().get("missed"))
                .containsExactly(1, 1, 1, 1);
        assertThat(steps).filteredOn(e -> e.kind().equals("escalated")).extracting(e -> e.data().get("to"))
                .containsExactly(TestPlaces.COMMUNITY, TestPlaces.SUB_DISTRICT, "lianhu");
        assertThat(d.assignedLevel).isEqualTo(Level.DISTRICT);
        assertThat(d.reminders).as("every due slot counts, sent or folded").isEqualTo(8);
        assertThat(d.nextSupervisionAt).isEqualTo(DEADLINE.plus(Duration.ofMinutes(120)));
        // running again at the same time repeats nothing
        assertThat(supervisor.dueSteps(d, DEADLINE.plus(Duration.ofMinutes(110)))).isEmpty();
    }

    @Test
    void anUnacknowledgedCaseIsRemindedAtItsAcknowledgeDeadlineNotASecondBefore() {
        CaseDraft d = collectedCase();
        new Deadlines(SupervisionSettings.defaults()).follow(d);
        assertThat(d.nextSupervisionAt).isEqualTo(DEADLINE);
        assertThat(supervisor.dueSteps(d, DEADLINE.minusSeconds(1))).isEmpty();
        List<NewEvent> steps = supervisor.dueSteps(d, DEADLINE);
        assertThat(kinds(steps)).containsExactly("reminder");
        assertThat(steps.get(0).data()).containsEntry("stage", "acknowledge").containsEntry("deadline", DEADLINE.toString());
        assertThat(d.overdue).as("overdue is the handling-deadline flag").isFalse();
        assertThat(d.nextSupervisionAt).isEqualTo(DEADLINE.plus(Duration.ofMinutes(1)));
    }

    @Test
    void beforeDispatchEscalationComesEveryTwoMinutesNotEveryThirty() {
        CaseDraft d = collectedCase();
        assertThat(kinds(supervisor.dueSteps(d, DEADLINE.plus(Duration.ofSeconds(119)))))
                .containsExactly("reminder");
        List<NewEvent> steps = supervisor.dueSteps(d, DEADLINE.plus(Duration.ofMinutes(2)));
        assertThat(kinds(steps)).containsExactly("escalated", "reminder");
        NewEvent escalated = steps.get(0);
        assertThat(escalated.data()).containsEntry("stage", "acknowledge").containsEntry("to", TestPlaces.COMMUNITY)
                .containsEntry("dueAt", DEADLINE.plus(Duration.ofMinutes(2)).toString());
        assertThat(d.assignedLevel).isEqualTo(Level.COMMUNITY);
    }

    @Test
    void reachingTheNextStageStartsItsCountsAgainAgainstItsOwnDeadline() {
        CaseDraft d = collectedCase();
        Deadlines deadlines = new Deadlines(SupervisionSettings.defaults());
        supervisor.dueSteps(d, DEADLINE.plus(Duration.ofMinutes(3)));
        assertThat(d.reminders).isEqualTo(4);
        assertThat(d.escalations).isEqualTo(1);

        d.state = CaseState.VERIFIED;
        deadlines.follow(d);
        assertThat(d.supervisionStage).isEqualTo(DeadlineStage.DISPATCH);
        assertThat(d.reminders).isZero();
        assertThat(d.escalations).isZero();
        assertThat(d.nextSupervisionAt).isEqualTo(d.dispatchDueAt);
        assertThat(d.assignedLevel).as("escalation is not undone").isEqualTo(Level.COMMUNITY);

        // feedback pauses supervision; rework resumes the same stage with its counts
        d.state = CaseState.DISPATCHED;
        d.deadlineAt = DEADLINE.plus(Duration.ofHours(1));
        deadlines.follow(d);
        supervisor.dueSteps(d, d.deadlineAt);
        assertThat(d.reminders).isEqualTo(1);
        d.state = CaseState.FEEDBACK_SUBMITTED;
        deadlines.follow(d);
        assertThat(d.nextSupervisionAt).isNull();
        d.state = CaseState.IN_HANDLING;
        deadlines.follow(d);
        assertThat(d.reminders).isEqualTo(1);
        assertThat(d.nextSupervisionAt).isEqualTo(d.deadlineAt.plus(Duration.ofMinutes(15)));
    }

    private static CaseDraft collectedCase() {
        CaseDraft d = new CaseDraft();
        d.state = CaseState.COLLECTED;
        d.location = TestPlaces.at(TestPlaces.COMPOUND);
        d.assignedLevel = Level.GRID;
        d.assignedUnit = TestPlaces.GRID;
        d.createdAt = DEADLINE.minus(Duration.ofMinutes(2));
        d.acknowledgeDueAt = DEADLINE;
        d.dispatchDueAt = DEADLINE.plus(Duration.ofMinutes(3));
        return d;
    }

    private static List<String> kinds(List<NewEvent> events) {
        return events.stream().map(NewEvent::kind).toList();
    }

    private static CaseDraft dispatchedCase() {
        CaseDraft d = new CaseDraft();
        d.state = CaseState.DISPATCHED;
        d.location = TestPlaces.at(TestPlaces.COMPOUND);
        d.assignedLevel = Level.GRID;
        d.assignedUnit = TestPlaces.GRID;
        d.dispatchedAt = DEADLINE.minus(Duration.ofHours(1));
        d.deadlineAt = DEADLINE;
        d.nextSupervisionAt = DEADLINE;
        return d;
    }
}
