package io.anju.cases.service;

import io.anju.cases.model.CaseAction;
import io.anju.cases.model.CaseEvent;
import io.anju.cases.model.CaseException.Kind;
import io.anju.cases.model.CaseQuery;
import io.anju.cases.model.CaseRecord;
import io.anju.cases.model.CaseState;
import io.anju.cases.model.Level;
import io.anju.cases.model.Principal;
import io.anju.cases.model.ResponseLevel;
import io.anju.cases.model.TransitionRequest;
import io.anju.cases.supervise.SupervisionSettings;
import io.anju.cases.testing.Alerts;
import io.anju.cases.testing.ServiceFixture;
import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.alert.SourceKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static io.anju.cases.testing.ServiceFixture.*;
import static io.anju.cases.testing.TestPlaces.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Response levels on a real PostgreSQL with the built-in category table: a blue crowd warning is a watch item (no
 * deadline, never supervised, promoted when it rises, closed by its own clear), red fire risk is a case as ever, and
 * a blue device-offline warning is only a notice.
 */
class ResponseLevelIT {
    private static final Instant T0 = Instant.parse("2026-10-01T02:00:00Z");
    private static final Duration CROWD_DISPATCH = Duration.ofMinutes(3);

    @TempDir
    static Path dir;
    static ServiceFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new ServiceFixture(dir.resolve("pg"), T0, SupervisionSettings.defaults());
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    private static CaseRecord apply(Alert a) {
        return await(f.service.applyAlert(a));
    }

    private static Alert crowd(String source, Severity severity, AlertStatus status, int revision, Instant firstEvent) {
        return Alerts.crowd(AlertType.CROWD_DENSITY, source, severity, status, revision, firstEvent);
    }

    private static List<CaseEvent> history(long id) {
        return await(f.service.detail(DISTRICT, id)).history();
    }

    private static CaseRecord act(Principal who, long id, CaseAction action, String note) {
        return await(f.service.transition(who, id, TransitionRequest.of(action, note)));
    }

    @Test
    void aBlueCrowdWarningIsWatchedWithoutDeadlinesAndSupervisionNeverChasesIt() throws Exception {
        Instant t = T0;
        f.clock.set(t);
        CaseRecord w = apply(crowd("zn-01/a", Severity.BLUE, AlertStatus.RAISED, 1, t));

        assertThat(w.state()).isEqualTo(CaseState.WATCHING);
        assertThat(w.response()).isEqualTo(ResponseLevel.WATCH);
        assertThat(w.dispatchDueAt()).isNull();
        assertThat(w.deadlineAt()).isNull();
        assertThat(w.nextSupervisionAt()).isNull();
        assertThat(w.location().zoneId()).isEqualTo(ZONE);
        assertThat(history(w.id())).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo("created");
            assertThat(e.toState()).isEqualTo(CaseState.WATCHING);
            assertThat(e.data()).containsEntry("response", "watch");
        });
        assertThat(f.notices(w.id())).containsExactly("watch_opened");

        // Hours pass with the crowd still blue: supervision runs all along and never touches the watch item.
        for (int hour = 1; hour <= 6; hour++) {
            await(f.service.supervise(t.plus(Duration.ofHours(hour))));
        }
        CaseRecord later = await(f.service.detail(DISTRICT, w.id())).caseRecord();
        assertThat(later.state()).isEqualTo(CaseState.WATCHING);
        assertThat(later.reminders()).isZero();
        assertThat(later.overdue()).isFalse();
        assertThat(later.assignedLevel()).isEqualTo(Level.GRID);
        assertThat(later.version()).isEqualTo(w.version());
        assertThat(history(w.id())).hasSize(1);

        // A watch item holds its key: a new blue episode of the same zone warning joins it.
        f.clock.set(t.plus(Duration.ofHours(7)));
        CaseRecord joined = apply(crowd("zn-01/a", Severity.BLUE, AlertStatus.RAISED, 1, t.plus(Duration.ofHours(7))));
        assertThat(joined.id()).isEqualTo(w.id());
        assertThat(joined.state()).isEqualTo(CaseState.WATCHING);
        assertThat(f.notices(w.id())).containsExactly("watch_opened", "alert_update");
    }

    @Test
    void aWatchItemWhoseAlertRisesToYellowIsPromotedToACaseWithItsDispatchLimitFromThatMoment() throws Exception {
        Instant t = T0.plus(Duration.ofDays(1));
        f.clock.set(t);
        CaseRecord w = apply(crowd("zn-01/b", Severity.BLUE, AlertStatus.RAISED, 1, t));
        assertThat(w.state()).isEqualTo(CaseState.WATCHING);

        Instant promotedAt = t.plus(Duration.ofMinutes(47)).plusSeconds(13);
        f.clock.set(promotedAt);
        CaseRecord c = apply(crowd("zn-01/b", Severity.YELLOW, AlertStatus.RAISED, 2, t));

        assertThat(c.id()).isEqualTo(w.id());
        assertThat(c.state()).isEqualTo(CaseState.COLLECTED);
        assertThat(c.response()).isEqualTo(ResponseLevel.CASE);
        assertThat(c.severity()).isEqualTo(Severity.YELLOW);
        assertThat(c.dispatchDueAt()).isEqualTo(promotedAt.plus(CROWD_DISPATCH));
        List<CaseEvent> history = history(c.id());
        assertThat(history).extracting(CaseEvent::kind).containsExactly("created", "alert_update", "promoted");
        CaseEvent promoted = history.get(2);
        assertThat(promoted.actor()).isEqualTo(Principal.SYSTEM);
        assertThat(promoted.at()).isEqualTo(promotedAt);
        assertThat(promoted.fromState()).isEqualTo(CaseState.WATCHING);
        assertThat(promoted.toState()).isEqualTo(CaseState.COLLECTED);
        assertThat(promoted.data()).containsEntry("dispatchDue", promotedAt.plus(CROWD_DISPATCH).toString());
        assertThat(f.notices(c.id())).containsExactly("watch_opened", "alert_update", "promoted");

        // From now on it is a case like any other: the loop's first step is open to it.
        assertThat(act(EMERGENCY, c.id(), CaseAction.VERIFY, "seen on camera").state()).isEqualTo(CaseState.VERIFIED);
    }

    @Test
    void aClearedAlertClosesItsWatchItemWithoutAPersonAndFreesTheKey() throws Exception {
        Instant t = T0.plus(Duration.ofDays(2));
        f.clock.set(t);
        CaseRecord w = apply(crowd("zn-01/c", Severity.BLUE, AlertStatus.RAISED, 1, t));

        Instant clearedAt = t.plus(Duration.ofMinutes(25)).plusSeconds(7);
        f.clock.set(clearedAt);
        CaseRecord closed = apply(crowd("zn-01/c", Severity.BLUE, AlertStatus.CLEARED, 2, t));

        assertThat(closed.id()).isEqualTo(w.id());
        assertThat(closed.state()).isEqualTo(CaseState.CLOSED);
        assertThat(closed.response()).isEqualTo(ResponseLevel.WATCH);
        assertThat(closed.closedAt()).isEqualTo(clearedAt);
        CaseEvent last = history(w.id()).get(history(w.id()).size() - 1);
        assertThat(last.kind()).isEqualTo("watch_closed");
        assertThat(last.actor()).isEqualTo(Principal.SYSTEM);
        assertThat(last.fromState()).isEqualTo(CaseState.WATCHING);
        assertThat(last.toState()).isEqualTo(CaseState.CLOSED);
        assertThat(last.note()).as("written in Chinese, the default").isEqualTo("设备报告预警已解除，观察项自动关闭");
        assertThat(f.notices(w.id())).containsExactly("watch_opened", "watch_closed");
        assertThat(refusal(f.service.transition(DISTRICT, w.id(), TransitionRequest.of(CaseAction.EVALUATE, "x")),
                Kind.CONFLICT)).hasMessageContaining("nobody was asked to handle it");

        // The next episode of the same warning is a new watch item.
        Instant again = t.plus(Duration.ofHours(2));
        f.clock.set(again);
        CaseRecord next = apply(crowd("zn-01/c", Severity.BLUE, AlertStatus.RAISED, 1, again));
        assertThat(next.id()).isNotEqualTo(w.id());
        assertThat(next.state()).isEqualTo(CaseState.WATCHING);
    }

    @Test
    void redFireRiskOpensACaseAsBefore() throws Exception {
        Instant t = T0.plus(Duration.ofDays(3));
        f.clock.set(t);
        CaseRecord c = apply(Alerts.of(AlertType.FIRE_RISK, Severity.RED, SourceKind.PORT, CHARGER + "#4", CHARGER,
                at(COMPOUND), t));
        assertThat(c.state()).isEqualTo(CaseState.COLLECTED);
        assertThat(c.response()).isEqualTo(ResponseLevel.CASE);
        assertThat(c.dispatchDueAt()).isEqualTo(t.plus(Duration.ofMinutes(5)));
        assertThat(f.notices(c.id())).containsExactly("opened");
    }

    @Test
    void aNoticeTellsPeopleAndAwaitsNothingAndItsRefreshesOpenNothingNew() throws Exception {
        Instant t = T0.plus(Duration.ofDays(4));
        f.clock.set(t);
        Alert offline = Alerts.of(AlertType.DEVICE_OFFLINE, Severity.BLUE, SourceKind.DEVICE, OTHER_CHARGER,
                OTHER_CHARGER, null, t);
        CaseRecord n = apply(offline);

        assertThat(n.state()).isEqualTo(CaseState.NOTICED);
        assertThat(n.response()).isEqualTo(ResponseLevel.NOTICE);
        assertThat(n.dispatchDueAt()).isNull();
        assertThat(n.nextSupervisionAt()).isNull();
        assertThat(f.notices(n.id())).containsExactly("noticed");
        assertThat(await(f.service.list(DISTRICT, new CaseQuery(null, null, null, null, null, null, null, null, null,
                null, true, 500, 0))).items()).extracting(CaseRecord::id).doesNotContain(n.id());
        for (CaseAction action : CaseAction.values()) {
            assertThat(refusal(f.service.transition(DISTRICT, n.id(), TransitionRequest.of(action, "x")),
                    Kind.CONFLICT)).hasMessageContaining("a case that is noticed");
        }

        // The device's routine refresh of the same episode is recorded against the notice, not told again.
        f.clock.set(t.plusSeconds(90));
        CaseRecord refreshed = apply(revision(offline, 2, Severity.BLUE));
        assertThat(refreshed.id()).isEqualTo(n.id());
        assertThat(f.notices(n.id())).containsExactly("noticed");

        // Worse than a notice asks for: the same episode at yellow opens a case.
        Instant worse = t.plusSeconds(300);
        f.clock.set(worse);
        CaseRecord c = apply(revision(offline, 3, Severity.YELLOW));
        assertThat(c.id()).isNotEqualTo(n.id());
        assertThat(c.state()).isEqualTo(CaseState.COLLECTED);
        assertThat(c.dispatchDueAt()).isEqualTo(worse.plus(Duration.ofMinutes(15)));
    }

    @Test
    void peopleMayPromoteOrVoidAWatchItemAndNothingElse() throws Exception {
        Instant t = T0.plus(Duration.ofDays(5));
        f.clock.set(t);
        CaseRecord w = apply(crowd("zn-01/d", Severity.BLUE, AlertStatus.RAISED, 1, t));

        for (CaseAction action : List.of(CaseAction.VERIFY, CaseAction.DISPATCH, CaseAction.CLOSE)) {
            assertThat(refusal(f.service.transition(DISTRICT, w.id(), TransitionRequest.of(action, "x")),
                    Kind.CONFLICT)).hasMessageContaining("a case that is watching");
        }
        assertThat(refusal(f.service.transition(DISTRICT, w.id(), TransitionRequest.of(CaseAction.VERIFY, "x")),
                Kind.CONFLICT)).hasMessageContaining("allowed from [collected]");
        assertThat(refusal(f.service.transition(EMERGENCY, w.id(), TransitionRequest.of(CaseAction.VOID, "x")),
                Kind.FORBIDDEN)).hasMessageContaining("emergency_manager may not void");

        Instant promotedAt = t.plusSeconds(100);
        f.clock.set(promotedAt);
        CaseRecord c = act(EMERGENCY, w.id(), CaseAction.PROMOTE, "the queue at the gate is growing");
        assertThat(c.state()).isEqualTo(CaseState.COLLECTED);
        assertThat(c.response()).isEqualTo(ResponseLevel.CASE);
        assertThat(c.severity()).isEqualTo(Severity.BLUE);
        assertThat(c.dispatchDueAt()).isEqualTo(promotedAt.plus(CROWD_DISPATCH));
        CaseEvent promoted = history(c.id()).get(1);
        assertThat(promoted.kind()).isEqualTo("promoted");
        assertThat(promoted.actor()).isEqualTo(EMERGENCY.name());
        assertThat(promoted.note()).isEqualTo("the queue at the gate is growing");
        assertThat(f.notices(c.id())).containsExactly("watch_opened", "promoted");
        assertThat(refusal(f.service.transition(DISTRICT, c.id(), TransitionRequest.of(CaseAction.PROMOTE, "x")),
                Kind.CONFLICT)).hasMessageContaining("allowed from [watching]");

        CaseRecord other = apply(crowd("zn-01/e", Severity.BLUE, AlertStatus.RAISED, 1, t));
        CaseRecord voided = act(DISTRICT, other.id(), CaseAction.VOID, "the counter was miscounting");
        assertThat(voided.state()).isEqualTo(CaseState.VOIDED);
        assertThat(voided.closedAt()).isEqualTo(promotedAt);
    }

    @Test
    void theQueueFiltersWatchItemsByState() {
        Instant t = T0.plus(Duration.ofDays(6));
        f.clock.set(t);
        CaseRecord watched = apply(crowd("zn-01/f", Severity.BLUE, AlertStatus.RAISED, 1, t));
        CaseRecord acase = apply(crowd("zn-01/g", Severity.ORANGE, AlertStatus.RAISED, 1, t));

        List<CaseRecord> watching = await(f.service.list(EMERGENCY, new CaseQuery(null, null, null, null, null,
                Set.of(CaseState.WATCHING), null, null, null, null, null, 500, 0))).items();
        assertThat(watching).extracting(CaseRecord::id).contains(watched.id()).doesNotContain(acase.id());
        assertThat(watching).extracting(CaseRecord::state).containsOnly(CaseState.WATCHING);
        assertThat(await(f.service.list(EMERGENCY, new CaseQuery(null, null, null, null, null, null, null, null,
                null, null, true, 500, 0))).items()).extracting(CaseRecord::id).contains(watched.id(), acase.id());
    }

    private static Alert revision(Alert a, int revision, Severity severity) {
        return new Alert(a.id(), a.dedupKey(), a.type(), severity, a.status(), revision, a.sourceKind(), a.sourceId(),
                a.deviceId(), a.port(), a.location(), a.firstEventTs(), a.lastEventTs() + revision * 1000L,
                a.emittedAt() + revision * 1000L, a.summary(), a.recommendedAction(), a.evidence());
    }
}
