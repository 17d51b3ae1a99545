package io.anju.cases.supervise;

import io.anju.cases.model.CaseAction;
import io.anju.cases.model.CaseEvent;
import io.anju.cases.model.CaseRecord;
import io.anju.cases.model.Level;
import io.anju.cases.model.TransitionRequest;
import io.anju.cases.testing.Alerts;
import io.anju.cases.testing.ServiceFixture;
import io.anju.cases.text.CaseTexts;
import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.alert.SourceKind;
import io.anju.common.text.Lang;
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
    private static final Duration ACK_REMIND = Duration.ofMinutes(1);
    private static final Duration ACK_ESCALATE = Duration.ofMinutes(2);
    private static final SupervisionSettings SETTINGS = new SupervisionSettings(REMIND, ESCALATE, ACK_REMIND, ACK_ESCALATE,
            Duration.ofSeconds(10), 200);
    /** The built-in limits of a red fire risk (category 01-01). */
    private static final Duration RED_FIRE_ACK = Duration.ofMinutes(2);
    private static final Duration FIRE_DISPATCH = Duration.ofMinutes(5);

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

    /** Files a fire-risk case for a port of the test charger at {@code t}; nobody has looked at it yet. */
    private static CaseRecord fireRiskFiledAt(ServiceFixture f, Instant t, int port, Severity severity) {
        f.clock.set(t);
        String source = Alert.portSourceId(CHARGER, port);
        return await(f.service.applyAlert(Alerts.of(AlertType.FIRE_RISK, severity, SourceKind.PORT, source, CHARGER,
                at(COMPOUND), t)));
    }

    private static List<CaseEvent> supervisionEvents(ServiceFixture f, long id) {
        return await(f.service.detail(DISTRICT, id)).history().stream()
                .filter(e -> e.kind().equals("reminder") || e.kind().equals("escalated")).toList();
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
    @Test
    void aRedFireRiskNobodyAcknowledgesIsRemindedAtTwoMinutesThenEscalatedToTheCommunity() throws Exception {
        Instant t = Instant.parse("2026-12-06T01:00:00Z");
        CaseRecord c = fireRiskFiledAt(f, t, 201, Severity.RED);
        Instant ackDeadline = t.plus(RED_FIRE_ACK);
        assertThat(c.nextSupervisionAt()).isEqualTo(ackDeadline);
        assertThat(c.dispatchDueAt()).isEqualTo(t.plus(FIRE_DISPATCH));

        assertThat(await(f.service.supervise(ackDeadline.minusSeconds(1)))).isZero();
        assertThat(reload(f, c.id()).version()).isEqualTo(c.version());
        assertThat(supervisionKinds(f, c.id())).isEmpty();

        await(f.service.supervise(ackDeadline));
        CaseRecord reminded = reload(f, c.id());
        assertThat(reminded.reminders()).isEqualTo(1);
        assertThat(reminded.overdue()).as("the overdue KPI flag is about the handling deadline").isFalse();
        assertThat(reminded.assignedLevel()).isEqualTo(Level.GRID);
        assertThat(reminded.nextSupervisionAt()).isEqualTo(ackDeadline.plus(ACK_REMIND));
        CaseEvent reminder = supervisionEvents(f, c.id()).get(0);
        assertThat(reminder.kind()).isEqualTo("reminder");
        assertThat(reminder.at()).isEqualTo(ackDeadline);
        assertThat(reminder.data()).containsEntry("stage", "acknowledge")
                .containsEntry("deadline", ackDeadline.toString()).containsEntry("assignedUnit", GRID);
        assertThat(f.notices(c.id())).endsWith("reminder");

        await(f.service.supervise(ackDeadline.plus(ACK_REMIND)));
        await(f.service.supervise(ackDeadline.plus(ACK_ESCALATE).minusSeconds(1)));
        assertThat(reload(f, c.id()).assignedLevel()).isEqualTo(Level.GRID);
        await(f.service.supervise(ackDeadline.plus(ACK_ESCALATE)));
        CaseRecord community = reload(f, c.id());
        assertThat(community.assignedLevel()).isEqualTo(Level.COMMUNITY);
        assertThat(community.assignedUnit()).isEqualTo(COMMUNITY);
        CaseEvent escalated = supervisionEvents(f, c.id()).stream().filter(e -> e.kind().equals("escalated"))
                .findFirst().orElseThrow();
        assertThat(escalated.at()).isEqualTo(ackDeadline.plus(ACK_ESCALATE));
        assertThat(escalated.data()).containsEntry("stage", "acknowledge")
                .containsEntry("deadline", ackDeadline.toString()).containsEntry("from", GRID)
                .containsEntry("to", COMMUNITY).containsEntry("level", "community");
        assertThat(escalated.note()).as("written in Chinese, the default").isEqualTo("签收时限 "
                + CaseTexts.time(Lang.ZH, ackDeadline.toString()) + " 已过：由网格 " + GRID + " 上报至社区 " + COMMUNITY);
        assertThat(f.notices(c.id())).endsWith("escalated", "reminder");
        assertThat(supervisionKinds(f, c.id())).containsExactly("reminder", "reminder", "escalated", "reminder");

        // acknowledged late: the dispatch deadline (filing + 5 min) takes over, counted afresh
        Instant verified = t.plus(Duration.ofSeconds(270));
        f.clock.set(verified);
        CaseRecord ack = await(f.service.transition(COMMUNITY_OP, c.id(), TransitionRequest.of(CaseAction.VERIFY, null)));
        Instant dispatchDue = t.plus(FIRE_DISPATCH);
        assertThat(ack.reminders()).isZero();
        assertThat(ack.nextSupervisionAt()).isEqualTo(dispatchDue);
        await(f.service.supervise(dispatchDue.minusSeconds(1)));
        assertThat(supervisionKinds(f, c.id())).hasSize(4);
        await(f.service.supervise(dispatchDue));
        CaseEvent dispatchReminder = supervisionEvents(f, c.id()).get(4);
        assertThat(dispatchReminder.data()).containsEntry("stage", "dispatch")
                .containsEntry("deadline", dispatchDue.toString()).containsEntry("reminder", 1);
        assertThat(dispatchReminder.note()).isEqualTo("派遣时限 " + CaseTexts.time(Lang.ZH, dispatchDue.toString())
                + " 已过：第 1 次催办");
        await(f.service.supervise(dispatchDue.plus(ACK_ESCALATE)));
        CaseRecord subDistrict = reload(f, c.id());
        assertThat(subDistrict.assignedUnit()).isEqualTo(SUB_DISTRICT);
        assertThat(supervisionEvents(f, c.id()).stream().filter(e -> e.kind().equals("escalated")).toList().get(1)
                .data()).containsEntry("stage", "dispatch").containsEntry("from", COMMUNITY);

        // dispatched: the handling deadline is chased at the handling pace, from its own deadline
        Instant dispatched = dispatchDue.plus(Duration.ofMinutes(3));
        f.clock.set(dispatched);
        await(f.service.transition(COMMUNITY_OP, c.id(), TransitionRequest.of(CaseAction.ANALYSE, null)));
        CaseRecord handling = await(f.service.transition(COMMUNITY_OP, c.id(),
                TransitionRequest.of(CaseAction.DISPATCH, null)));
        assertThat(handling.deadlineAt()).isEqualTo(dispatched.plus(Duration.ofMinutes(30)));
        assertThat(handling.nextSupervisionAt()).isEqualTo(handling.deadlineAt());
        assertThat(handling.reminders()).isZero();
        assertThat(await(f.service.supervise(handling.deadlineAt().minusSeconds(1)))).isZero();
    }

    @Test
    void aCaseAcknowledgedAndDispatchedInTimeIsNeverChasedBeforeItsHandlingDeadline() throws Exception {
        Instant t = Instant.parse("2026-12-07T01:00:00Z");
        CaseRecord c = fireRiskFiledAt(f, t, 202, Severity.RED);
        f.clock.set(t.plus(RED_FIRE_ACK).minusSeconds(1));
        CaseRecord verified = await(f.service.transition(WORKER, c.id(), TransitionRequest.of(CaseAction.VERIFY, null)));
        assertThat(verified.nextSupervisionAt()).isEqualTo(t.plus(FIRE_DISPATCH));
        assertThat(f.strings("select extract(epoch from acknowledged_at - created_at)::int from cases where id = ?",
                c.id())).as("seconds to acknowledge").containsExactly("119");
        for (int s = 0; s < 300; s += 30) {
            await(f.service.supervise(t.plusSeconds(s)));
        }
        f.clock.set(t.plus(FIRE_DISPATCH).minusSeconds(1));
        await(f.service.transition(COMMUNITY_OP, c.id(), TransitionRequest.of(CaseAction.ANALYSE, null)));
        CaseRecord dispatched = await(f.service.transition(COMMUNITY_OP, c.id(),
                TransitionRequest.of(CaseAction.DISPATCH, null)));
        await(f.service.supervise(t.plus(Duration.ofMinutes(20))));
        assertThat(supervisionKinds(f, c.id())).isEmpty();
        CaseRecord after = reload(f, c.id());
        assertThat(after.version()).isEqualTo(dispatched.version());
        assertThat(after.assignedLevel()).isEqualTo(Level.GRID);
    }

    @Test
    void aSeverityRaiseBeforeAcknowledgementBringsTheAcknowledgeDeadlineForward() throws Exception {
        Instant t = Instant.parse("2026-12-08T01:00:00Z");
        f.clock.set(t);
        // port overload (02-01): acknowledge within 10 min at yellow, 3 min at red
        CaseRecord c = await(f.service.applyAlert(Alerts.portOverload(203, Severity.YELLOW, AlertStatus.RAISED, 1, t)));
        assertThat(c.nextSupervisionAt()).isEqualTo(t.plus(Duration.ofMinutes(10)));
        f.clock.set(t.plus(Duration.ofMinutes(1)));
        CaseRecord raised = await(f.service.applyAlert(Alerts.portOverload(203, Severity.RED, AlertStatus.UPDATED, 2, t)));
        assertThat(raised.nextSupervisionAt()).isEqualTo(t.plus(Duration.ofMinutes(3)));
        CaseEvent set = await(f.service.detail(DISTRICT, c.id())).history().stream()
                .filter(e -> e.kind().equals("deadline_set")).findFirst().orElseThrow();
        assertThat(set.data()).containsEntry("stage", "acknowledge")
                .containsEntry("from", t.plus(Duration.ofMinutes(10)).toString())
                .containsEntry("to", t.plus(Duration.ofMinutes(3)).toString());
        // a later fall back to yellow does not give the time back
        f.clock.set(t.plus(Duration.ofMinutes(2)));
        CaseRecord lower = await(f.service.applyAlert(Alerts.portOverload(203, Severity.YELLOW, AlertStatus.UPDATED, 3, t)));
        assertThat(lower.nextSupervisionAt()).isEqualTo(t.plus(Duration.ofMinutes(3)));
        await(f.service.supervise(t.plus(Duration.ofMinutes(3))));
        assertThat(supervisionKinds(f, c.id())).containsExactly("reminder");
    }

    @Test
    void aRestartAfterALongPauseDoesEachDueAcknowledgeStepOnceInOrder(@TempDir Path own) throws Exception {
        Instant t = Instant.parse("2026-12-09T01:00:00Z");
        long id;
        try (ServiceFixture first = new ServiceFixture(own.resolve("pg"), t, SETTINGS)) {
            id = fireRiskFiledAt(first, t, 204, Severity.RED).id();
        }
        try (ServiceFixture again = new ServiceFixture(own.resolve("pg"), t, SETTINGS)) {
            Instant ackDeadline = t.plus(RED_FIRE_ACK);
            // reminders due at +0, 1, 2, 3, 4, 5 min past the deadline, escalations at +2 and +4 (and +6)
            Instant later = ackDeadline.plus(Duration.ofSeconds(330));
            assertThat(await(again.service.supervise(later))).isEqualTo(1);
            assertThat(await(again.service.supervise(later))).isZero();
            List<CaseEvent> steps = supervisionEvents(again, id);
            assertThat(steps).extracting(CaseEvent::kind)
                    .containsExactly("reminder", "escalated", "reminder", "escalated", "reminder");
            assertThat(steps).filteredOn(e -> e.kind().equals("escalated")).extracting(e -> e.data().get("to"))
                    .containsExactly(COMMUNITY, SUB_DISTRICT);
            assertThat(steps).filteredOn(e -> e.kind().equals("escalated")).extracting(e -> e.data().get("dueAt"))
                    .containsExactly(ackDeadline.plus(ACK_ESCALATE).toString(),
                            ackDeadline.plus(ACK_ESCALATE.multipliedBy(2)).toString());
            CaseRecord c = reload(again, id);
            assertThat(c.assignedLevel()).isEqualTo(Level.SUB_DISTRICT);
            assertThat(c.reminders()).isEqualTo(6);
            assertThat(c.nextSupervisionAt()).isEqualTo(ackDeadline.plus(ACK_REMIND.multipliedBy(6)));
            assertThat(again.notices(id)).containsSubsequence("opened", "reminder", "escalated", "reminder", "escalated",
                    "reminder");
        }
    }
}
