package io.anju.cases.supervise;

import io.anju.cases.model.CaseAction;
import io.anju.cases.model.CaseEvent;
import io.anju.cases.model.CaseRecord;
import io.anju.cases.model.Level;
import io.anju.cases.model.TransitionRequest;
import io.anju.cases.testing.Alerts;
import io.anju.cases.testing.ServiceFixture;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.Severity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.anju.cases.testing.ServiceFixture.*;
import static io.anju.cases.testing.TestPlaces.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deadlines, reminders and escalation with a hand-moved clock on real PostgreSQL. Each test works on its own day, far
 * from the others, and looks only at its own case.
 */
class SupervisionIT {
    private static final Duration REMIND = Duration.ofMinutes(15);
    private static final Duration ESCALATE = Duration.ofMinutes(30);
    private static final SupervisionSettings SETTINGS = new SupervisionSettings(REMIND, ESCALATE, Duration.ofSeconds(10), 200);

    @TempDir
    static Path dir;
    static ServiceFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new ServiceFixture(dir.resolve("pg"), Instant.parse("2026-12-01T00:00:00Z"), SETTINGS);
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    /** Files a port-overload case at {@code t} and walks it to dispatch at {@code t}; returns the dispatched case. */
    private static CaseRecord dispatchedAt(ServiceFixture f, Instant t, int port, Severity severity) {
        f.clock.set(t);
        CaseRecord c = await(f.service.applyAlert(Alerts.portOverload(port, severity, AlertStatus.RAISED, 1, t)));
        await(f.service.transition(WORKER, c.id(), TransitionRequest.of(CaseAction.VERIFY, null)));
        await(f.service.transition(COMMUNITY_OP, c.id(), TransitionRequest.of(CaseAction.ANALYSE, null)));
        return await(f.service.transition(COMMUNITY_OP, c.id(), TransitionRequest.of(CaseAction.DISPATCH, null)));
    }

    private static List<String> supervisionKinds(ServiceFixture f, long id) {
        return await(f.service.detail(DISTRICT, id)).history().stream().map(CaseEvent::kind)
                .filter(k -> k.equals("reminder") || k.equals("escalated")).toList();
    }

    private static CaseRecord reload(ServiceFixture f, long id) {
        return await(f.service.detail(DISTRICT, id)).caseRecord();
    }

    @Test
    void aRedCaseGetsAShorterDeadlineThanABlueOne() {
        Instant t = Instant.parse("2026-12-02T01:00:00Z");
        CaseRecord red = dispatchedAt(f, t, 101, Severity.RED);
        CaseRecord blue = dispatchedAt(f, t, 102, Severity.BLUE);
        assertThat(red.deadlineAt()).isEqualTo(t.plus(Duration.ofHours(1)));
        assertThat(blue.deadlineAt()).isEqualTo(t.plus(Duration.ofHours(24)));
    }

    @Test
    void aSeverityRaiseAfterDispatchBringsTheDeadlineForward() throws Exception {
        Instant t = Instant.parse("2026-12-03T01:00:00Z");
        CaseRecord c = dispatchedAt(f, t, 103, Severity.BLUE);
        f.clock.set(t.plus(Duration.ofMinutes(10)));
        CaseRecord raised = await(f.service.applyAlert(Alerts.portOverload(103, Severity.ORANGE, AlertStatus.UPDATED, 2, t)));
        assertThat(raised.deadlineAt()).isEqualTo(t.plus(Duration.ofHours(2)));
        assertThat(raised.nextSupervisionAt()).isEqualTo(t.plus(Duration.ofHours(2)));
        assertThat(await(f.service.detail(DISTRICT, c.id())).history()).extracting(CaseEvent::kind)
                .endsWith("alert_update", "deadline_set");
        assertThat(f.notices(c.id())).endsWith("severity_raised", "deadline_set");
    }

    @Test
    void nothingHappensBeforeTheDeadlineThenAReminderThenEscalationUpTheChain() throws Exception {
        Instant t = Instant.parse("2026-12-04T01:00:00Z");
        CaseRecord c = dispatchedAt(f, t, 104, Severity.RED);
        Instant deadline = c.deadlineAt();

        await(f.service.supervise(deadline.minusSeconds(1)));
        CaseRecord before = reload(f, c.id());
        assertThat(before.overdue()).isFalse();
        assertThat(before.version()).isEqualTo(c.version());
        assertThat(supervisionKinds(f, c.id())).isEmpty();

        await(f.service.supervise(deadline));
        CaseRecord reminded = reload(f, c.id());
        assertThat(reminded.overdue()).isTrue();
        assertThat(reminded.reminders()).isEqualTo(1);
        assertThat(reminded.assignedLevel()).isEqualTo(Level.GRID);
        assertThat(reminded.nextSupervisionAt()).isEqualTo(deadline.plus(REMIND));
        assertThat(supervisionKinds(f, c.id())).containsExactly("reminder");
        assertThat(f.notices(c.id())).endsWith("reminder");

        await(f.service.supervise(deadline.plus(REMIND)));
        await(f.service.supervise(deadline.plus(ESCALATE)));
        CaseRecord community = reload(f, c.id());
        assertThat(community.assignedLevel()).isEqualTo(Level.COMMUNITY);
        assertThat(community.assignedUnit()).isEqualTo(COMMUNITY);
        List<CaseEvent> history = await(f.service.detail(DISTRICT, c.id())).history();
        CaseEvent escalated = history.stream().filter(e -> e.kind().equals("escalated")).findFirst().orElseThrow();
        assertThat(escalated.data()).containsEntry("from", GRID).containsEntry("to", COMMUNITY)
                .containsEntry("level", "community");
        assertThat(f.notices(c.id())).contains("escalated");

        await(f.service.supervise(deadline.plus(ESCALATE.multipliedBy(2))));
        assertThat(reload(f, c.id()).assignedUnit()).isEqualTo(SUB_DISTRICT);
        await(f.service.supervise(deadline.plus(ESCALATE.multipliedBy(3))));
        CaseRecord district = reload(f, c.id());
        assertThat(district.assignedLevel()).isEqualTo(Level.DISTRICT);
        assertThat(district.assignedUnit()).isEqualTo("lianhu");
        await(f.service.supervise(deadline.plus(ESCALATE.multipliedBy(5))));
        CaseRecord stillDistrict = reload(f, c.id());
        assertThat(stillDistrict.assignedLevel()).isEqualTo(Level.DISTRICT);
        assertThat(stillDistrict.reminders()).isEqualTo(11);
        assertThat(supervisionKinds(f, c.id()).stream().filter(k -> k.equals("escalated")).count()).isEqualTo(3);

        // closing ends supervision
        await(f.service.transition(WORKER, c.id(), TransitionRequest.of(CaseAction.START, null)));
        await(f.service.transition(WORKER, c.id(), TransitionRequest.of(CaseAction.SUBMIT_FEEDBACK, "done")));
        CaseRecord closed = await(f.service.transition(COMMUNITY_OP, c.id(), TransitionRequest.of(CaseAction.CLOSE, null)));
        assertThat(closed.nextSupervisionAt()).isNull();
        assertThat(closed.overdue()).as("a KPI flag: stays set").isTrue();
        await(f.service.supervise(deadline.plus(Duration.ofDays(1))));
        assertThat(reload(f, closed.id()).version()).isEqualTo(closed.version());
    }

    @Test
    void aRestartedServiceEscalatesAnOverdueCaseExactlyOnce(@TempDir Path own) throws Exception {
        Instant t = Instant.parse("2026-12-05T01:00:00Z");
        long id;
        Instant deadline;
        try (ServiceFixture first = new ServiceFixture(own.resolve("pg"), t, SETTINGS)) {
            CaseRecord c = dispatchedAt(first, t, 105, Severity.RED);
            id = c.id();
            deadline = c.deadlineAt();
        }
        // service and database were stopped; a new one on the same data directory finds the deadline and catches up
        try (ServiceFixture again = new ServiceFixture(own.resolve("pg"), t, SETTINGS)) {
            Instant later = deadline.plus(ESCALATE).plus(Duration.ofMinutes(20));
            assertThat(await(again.service.supervise(later))).isEqualTo(1);
            assertThat(await(again.service.supervise(later))).isZero();
            CaseRecord c = reload(again, id);
            assertThat(c.assignedLevel()).isEqualTo(Level.COMMUNITY);
            assertThat(c.overdue()).isTrue();
            // the reminders missed while down are folded: one per span between escalations
            assertThat(supervisionKinds(again, id)).containsExactly("reminder", "escalated", "reminder");
            assertThat(c.nextSupervisionAt()).isEqualTo(deadline.plus(REMIND.multipliedBy(4)));
        }
    }
}
