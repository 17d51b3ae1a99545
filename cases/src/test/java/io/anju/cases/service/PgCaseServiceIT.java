package io.anju.cases.service;

import io.anju.cases.model.CaseAction;
import io.anju.cases.model.CaseDetail;
import io.anju.cases.model.CaseEvent;
import io.anju.cases.model.CaseException.Kind;
import io.anju.cases.model.CaseQuery;
import io.anju.cases.model.CaseRecord;
import io.anju.cases.model.CaseState;
import io.anju.cases.model.KpiQuery;
import io.anju.cases.model.Level;
import io.anju.cases.model.NewCase;
import io.anju.cases.model.Origin;
import io.anju.cases.model.Page;
import io.anju.cases.model.Principal;
import io.anju.cases.model.TransitionRequest;
import io.anju.cases.supervise.SupervisionSettings;
import io.anju.cases.testing.Alerts;
import io.anju.cases.testing.ServiceFixture;
import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertFact;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.alert.SourceKind;
import io.vertx.core.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static io.anju.cases.testing.ServiceFixture.*;
import static io.anju.cases.testing.TestPlaces.*;
import static org.assertj.core.api.Assertions.assertThat;

class PgCaseServiceIT {
    /** 01:00 on 30 November in Xi'an: the case number carries the local date, not UTC's 29th. */
    private static final Instant T0 = Instant.parse("2026-11-29T17:00:00Z");
    private static final AtomicInteger PORTS = new AtomicInteger(1);

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

    /** Each test its own port, so dedup keys never meet across tests. */
    private static int freshPort() {
        return PORTS.getAndIncrement();
    }

    private static CaseRecord apply(Alert a) {
        return await(f.service.applyAlert(a));
    }

    private static CaseRecord act(Principal who, long id, CaseAction action) {
        return await(f.service.transition(who, id, TransitionRequest.of(action, "ok")));
    }

    @Test
    void aRaisedAlertOpensOneCaseAtTheRightGridWithItsEvidence() throws Exception {
        f.clock.set(T0);
        CaseRecord c = apply(Alerts.portOverload(freshPort(), Severity.YELLOW, AlertStatus.RAISED, 1, T0.minusSeconds(30)));
        assertThat(c.caseNo()).matches("LH-20261130-\\d{6}");
        assertThat(c.state()).isEqualTo(CaseState.COLLECTED);
        assertThat(c.origin()).isEqualTo(Origin.ALERT);
        assertThat(c.location()).isEqualTo(at(COMPOUND));
        assertThat(c.assignedLevel()).isEqualTo(Level.GRID);
        assertThat(c.assignedUnit()).isEqualTo(GRID);
        assertThat(c.categoryCode()).isEqualTo("02-01");
        assertThat(c.department()).isEqualTo("property");
        assertThat(c.severity()).isEqualTo(Severity.YELLOW);
        assertThat(c.evidence()).hasSize(1);
        assertThat(c.title()).as("stored in the default language, from the facts and the registry's place name")
                .isEqualTo("一号小区充电桩 " + CHARGER + " " + c.port() + "号端口过载");
        assertThat(c.description()).contains("功率 1100 W（限值 1000 W）", "已超限 10 秒", "建议：切断该端口电源");
        assertThat(c.alertFacts()).extracting(AlertFact::name).containsExactly("powerW", "overForS");
        assertThat(c.createdAt()).isEqualTo(T0);
        assertThat(c.dispatchDueAt()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        assertThat(c.firstEventAt()).isEqualTo(T0.minusSeconds(30));
        assertThat(c.alertEmittedAt()).isNotNull();
        CaseDetail d = await(f.service.detail(WORKER, c.id()));
        assertThat(d.history()).extracting(CaseEvent::kind).containsExactly("created");
        assertThat(d.history().get(0).actor()).isEqualTo(Principal.SYSTEM);
        assertThat(f.notices(c.id())).containsExactly("opened");
    }

    @Test
    void updatesJoinTheOpenCaseSeverityOnlyRisesAndARepeatChangesNothing() throws Exception {
        int port = freshPort();
        Instant first = T0.plusSeconds(100);
        CaseRecord opened = apply(Alerts.portOverload(port, Severity.YELLOW, AlertStatus.RAISED, 1, first));
        CaseRecord raised = apply(Alerts.portOverload(port, Severity.RED, AlertStatus.UPDATED, 2, first));
        CaseRecord lowered = apply(Alerts.portOverload(port, Severity.ORANGE, AlertStatus.UPDATED, 3, first));
        CaseRecord repeat = apply(Alerts.portOverload(port, Severity.ORANGE, AlertStatus.UPDATED, 3, first));

        assertThat(List.of(raised.id(), lowered.id(), repeat.id())).containsOnly(opened.id());
        assertThat(raised.severity()).isEqualTo(Severity.RED);
        assertThat(lowered.severity()).as("deadlines never relax").isEqualTo(Severity.RED);
        assertThat(lowered.alertSeverity()).isEqualTo(Severity.ORANGE);
        assertThat(lowered.evidence()).hasSize(3);
        assertThat(repeat.version()).isEqualTo(lowered.version());
        assertThat(repeat.evidence()).hasSize(3);
        CaseDetail d = await(f.service.detail(DISTRICT, opened.id()));
        // the raise to red, before anyone acknowledged, also brings the acknowledge deadline forward
        assertThat(d.history()).extracting(CaseEvent::kind)
                .containsExactly("created", "alert_update", "deadline_set", "alert_update");
        assertThat(d.history().get(1).data()).containsEntry("oldSeverity", "yellow").containsEntry("newSeverity", "red");
        assertThat(f.notices(opened.id())).containsExactly("opened", "severity_raised", "deadline_set", "alert_update");
        assertThat(f.strings("select count(*) from cases where dedup_key = ?", opened.dedupKey())).containsExactly("1");
        assertThat(f.strings("select count(*) from alert_receipts where alert_id = ?", opened.alertId())).containsExactly("3");
    }

    @Test
    void aClearMovesTheCaseToFeedbackAndARaiseAgainReturnsIt() throws Exception {
        int port = freshPort();
        Instant first = T0.plusSeconds(200);
        CaseRecord c = apply(Alerts.portOverload(port, Severity.YELLOW, AlertStatus.RAISED, 1, first));
        act(WORKER, c.id(), CaseAction.VERIFY);
        CaseRecord cleared = apply(Alerts.portOverload(port, Severity.YELLOW, AlertStatus.CLEARED, 2, first));
        assertThat(cleared.state()).isEqualTo(CaseState.FEEDBACK_SUBMITTED);
        assertThat(cleared.feedbackAt()).isNotNull();
        assertThat(cleared.alertStatus()).isEqualTo(AlertStatus.CLEARED);

        CaseRecord back = apply(Alerts.portOverload(port, Severity.YELLOW, AlertStatus.UPDATED, 3, first));
        assertThat(back.state()).isEqualTo(CaseState.VERIFIED);
        assertThat(back.feedbackAt()).isNull();
        List<CaseEvent> history = await(f.service.detail(DISTRICT, c.id())).history();
        assertThat(history).extracting(CaseEvent::kind)
                .containsExactly("created", "transition", "alert_cleared", "alert_update", "alert_reraised");
        CaseEvent clearEvent = history.get(2);
        assertThat(clearEvent.actor()).isEqualTo(Principal.SYSTEM);
        assertThat(clearEvent.note()).as("written in Chinese, the default").isEqualTo("设备报告预警已解除，请核查后结案");
        assertThat(clearEvent.fromState()).isEqualTo(CaseState.VERIFIED);
        assertThat(history.get(4).toState()).isEqualTo(CaseState.VERIFIED);
    }

    @Test
    void aClearWithoutAnOpenCaseOpensNothingAndItsRepeatIsRecognised() throws Exception {
        Alert clear = Alerts.portOverload(freshPort(), Severity.BLUE, AlertStatus.CLEARED, 4, T0.plusSeconds(300));
        assertThat(apply(clear)).isNull();
        assertThat(apply(clear)).isNull();
        assertThat(f.strings("select count(*) from cases where dedup_key = ?", clear.dedupKey())).containsExactly("0");
        assertThat(f.strings("select count(*) from alert_receipts where alert_id = ?", clear.id())).containsExactly("1");
    }

    @Test
    void aNewEpisodeAfterClosureOpensANewCase() {
        int port = freshPort();
        Instant first = T0.plusSeconds(400);
        CaseRecord c = apply(Alerts.portOverload(port, Severity.YELLOW, AlertStatus.RAISED, 1, first));
        apply(Alerts.portOverload(port, Severity.YELLOW, AlertStatus.CLEARED, 2, first));
        CaseRecord closed = act(COMMUNITY_OP, c.id(), CaseAction.CLOSE);
        assertThat(closed.state()).isEqualTo(CaseState.CLOSED);
        CaseRecord again = apply(Alerts.portOverload(port, Severity.ORANGE, AlertStatus.RAISED, 1, first.plusSeconds(3600)));
        assertThat(again.id()).isNotEqualTo(c.id());
        assertThat(again.dedupKey()).isEqualTo(c.dedupKey());
        assertThat(again.state()).isEqualTo(CaseState.COLLECTED);
        assertThat(again.caseNo()).isNotEqualTo(c.caseNo());
    }

    @Test
    void refreshesOfAnEpisodeWhoseCaseWasClosedOpenNothing_unlessItGetsWorse() throws Exception {
        int port = freshPort();
        Instant first = T0.plusSeconds(450);
        CaseRecord c = apply(Alerts.portOverload(port, Severity.ORANGE, AlertStatus.RAISED, 1, first));
        await(f.service.transition(DISTRICT, c.id(), TransitionRequest.of(CaseAction.VOID, "false alarm: meter fault")));
        CaseRecord refreshed = apply(Alerts.portOverload(port, Severity.ORANGE, AlertStatus.UPDATED, 2, first));
        assertThat(refreshed.id()).as("the refresh is recorded against the voided case").isEqualTo(c.id());
        assertThat(refreshed.state()).isEqualTo(CaseState.VOIDED);
        assertThat(f.strings("select count(*) from cases where dedup_key = ?", c.dedupKey())).containsExactly("1");

        CaseRecord worse = apply(Alerts.portOverload(port, Severity.RED, AlertStatus.UPDATED, 3, first));
        assertThat(worse.id()).as("worse than the case that was judged handled").isNotEqualTo(c.id());
        assertThat(worse.severity()).isEqualTo(Severity.RED);
        assertThat(worse.state()).isEqualTo(CaseState.COLLECTED);

        // The episode's clear reaches both of its cases: the voided one would otherwise refuse a resume for ever.
        apply(Alerts.portOverload(port, Severity.RED, AlertStatus.CLEARED, 4, first));
        assertThat(f.strings("select id || ':' || alert_status from cases where dedup_key = ? order by id",
                c.dedupKey())).containsExactly(c.id() + ":cleared", worse.id() + ":cleared");
        assertThat(await(f.service.detail(DISTRICT, worse.id())).history()).extracting(CaseEvent::kind)
                .contains("alert_cleared");
    }

    @Test
    void aClearReachesTheEndedCaseOfItsEpisode_whenNoCaseIsOpen() throws Exception {
        int port = freshPort();
        Instant first = T0.plusSeconds(470);
        CaseRecord c = apply(Alerts.portOverload(port, Severity.ORANGE, AlertStatus.RAISED, 1, first));
        await(f.service.transition(DISTRICT, c.id(), TransitionRequest.of(CaseAction.VOID, "handled on site")));
        CaseRecord other = apply(Alerts.portOverload(port, Severity.ORANGE, AlertStatus.RAISED, 1,
                first.plusSeconds(3600)));
        await(f.service.transition(DISTRICT, other.id(), TransitionRequest.of(CaseAction.VOID, "handled on site")));

        CaseRecord after = apply(Alerts.portOverload(port, Severity.ORANGE, AlertStatus.CLEARED, 2, first));
        assertThat(after.id()).as("the receipt goes with the key's latest case").isEqualTo(other.id());
        assertThat(f.strings("select id || ':' || alert_status from cases where dedup_key = ? order by id",
                c.dedupKey())).as("only the episode that cleared").containsExactly(c.id() + ":cleared",
                other.id() + ":raised");
    }

    /**
     * An earlier revision that arrives after a later one of its alert (a producer that reordered, a topic replayed by
     * hand) is stale: it is recorded, so its repeat is a repeat, but it neither re-raises a cleared case nor lowers
     * what the case shows.
     */
    @Test
    void anEarlierRevisionArrivingAfterALaterOneChangesNothing() throws Exception {
        int port = freshPort();
        Instant first = T0.plusSeconds(600);
        CaseRecord c = apply(Alerts.portOverload(port, Severity.YELLOW, AlertStatus.RAISED, 1, first));
        CaseRecord cleared = apply(Alerts.portOverload(port, Severity.YELLOW, AlertStatus.CLEARED, 3, first));
        assertThat(cleared.state()).isEqualTo(CaseState.FEEDBACK_SUBMITTED);

        Alert late = Alerts.portOverload(port, Severity.RED, AlertStatus.UPDATED, 2, first);
        CaseRecord afterLate = apply(late);
        CaseRecord afterRepeat = apply(late);

        for (CaseRecord r : List.of(afterLate, afterRepeat)) {
            assertThat(r.id()).isEqualTo(c.id());
            assertThat(r.version()).as("nothing changed").isEqualTo(cleared.version());
            assertThat(r.state()).isEqualTo(CaseState.FEEDBACK_SUBMITTED);
            assertThat(r.alertStatus()).isEqualTo(AlertStatus.CLEARED);
            assertThat(r.severity()).isEqualTo(Severity.YELLOW);
        }
        assertThat(await(f.service.detail(DISTRICT, c.id())).history()).extracting(CaseEvent::kind)
                .containsExactly("created", "alert_cleared");
        assertThat(f.strings("select revision || ':' || coalesce(case_id::text, '-') from alert_receipts "
                + "where alert_id = ? order by revision", c.alertId()))
                .containsExactly("1:" + c.id(), "2:" + c.id(), "3:" + c.id());
    }

    @Test
    void anEarlierRevisionArrivingAfterItsCaseWasClosedOpensNothing() throws Exception {
        int port = freshPort();
        Instant first = T0.plusSeconds(700);
        CaseRecord c = apply(Alerts.portOverload(port, Severity.ORANGE, AlertStatus.RAISED, 1, first));
        apply(Alerts.portOverload(port, Severity.ORANGE, AlertStatus.UPDATED, 3, first));
        await(f.service.transition(DISTRICT, c.id(), TransitionRequest.of(CaseAction.VOID, "handled on site")));

        CaseRecord late = apply(Alerts.portOverload(port, Severity.RED, AlertStatus.UPDATED, 2, first));
        assertThat(late.id()).as("red came before the orange the case was judged on").isEqualTo(c.id());
        assertThat(late.state()).isEqualTo(CaseState.VOIDED);
        assertThat(f.strings("select count(*) from cases where dedup_key = ?", c.dedupKey())).containsExactly("1");
    }

    @Test
    void twoRecordsOfTheSameConditionArrivingTogetherEndInOneCase() throws Exception {
        int port = freshPort();
        Alert a = Alerts.portOverload(port, Severity.YELLOW, AlertStatus.RAISED, 1, T0.plusSeconds(500));
        Alert b = Alerts.portOverload(port, Severity.RED, AlertStatus.RAISED, 1, T0.plusSeconds(501));
        Future<CaseRecord> fa = f.service.applyAlert(a);
        Future<CaseRecord> fb = f.service.applyAlert(b);
        assertThat(await(fa).id()).isEqualTo(await(fb).id());
        assertThat(f.strings("select count(*) from cases where dedup_key = ?", a.dedupKey())).containsExactly("1");
        assertThat(f.strings("select severity from cases where dedup_key = ?", a.dedupKey())).containsExactly("red");
    }

    @Test
    void aBatchOfSeveralKeysInOneTransactionEndsAsTheSameRecordsAppliedOneByOne() throws Exception {
        // Two copies of the same story on different ports: one applied as a batch, one a record at a time.
        List<List<Alert>> batch = story(T0.plusSeconds(700));
        List<List<Alert>> single = story(T0.plusSeconds(700));
        await(f.service.applyAlerts(batch));
        for (List<Alert> lane : single) {
            lane.forEach(PgCaseServiceIT::apply);
        }

        for (int i = 0; i < batch.size(); i++) {
            assertThat(outcome(batch.get(i))).as("lane " + i).isEqualTo(outcome(single.get(i)));
        }
        assertThat(outcome(batch.get(0))).as("revisions in order, the repeat changed nothing")
                .isEqualTo("collected red 3 receipts: created alert_update deadline_set alert_update / opened "
                        + "severity_raised deadline_set alert_update");
        assertThat(outcome(batch.get(2))).as("a clear with nothing open opened nothing").isEqualTo("no case 1 receipts");
    }

    @Test
    void aBatchWithARecordTheStoreCannotTakeKeepsNothing() throws Exception {
        List<List<Alert>> batch = story(T0.plusSeconds(800));
        Alert good = batch.get(0).get(0);
        // PostgreSQL takes no NUL character in text: the statement fails and with it the whole transaction.
        Alert poison = Alerts.portOverload(freshPort(), Severity.RED, AlertStatus.RAISED, 1, T0.plusSeconds(800));
        poison = new Alert(poison.id(), poison.dedupKey(), poison.type(), poison.severity(), poison.status(),
                poison.revision(), poison.sourceKind(), poison.sourceId(), poison.deviceId(), poison.port(),
                poison.location(), poison.firstEventTs(), poison.lastEventTs(), poison.emittedAt(), "bad\u0000text",
                poison.recommendedAction(), poison.evidence());
        List<List<Alert>> withPoison = new java.util.ArrayList<>(batch);
        withPoison.add(List.of(poison));

        assertThat(f.service.applyAlerts(withPoison).toCompletionStage().toCompletableFuture())
                .failsWithin(Duration.ofSeconds(30));
        for (List<Alert> lane : withPoison) {
            assertThat(f.strings("select count(*) from alert_receipts where alert_id = ?", lane.get(0).id()))
                    .as(lane.get(0).dedupKey()).containsExactly("0");
        }
        assertThat(f.strings("select count(*) from cases where dedup_key = ?", good.dedupKey())).containsExactly("0");
    }

    @Test
    void aBatchOverKeysWithAHistoryEndsAsTheSameRecordsAppliedOneByOne() throws Exception {
        // Each copy's history is applied record by record; then its lanes as one batch, or one record at a time.
        Instant first = T0.plusSeconds(900);
        List<List<Alert>> batch = withHistory(first);
        List<List<Alert>> single = withHistory(first);
        await(f.service.applyAlerts(batch));
        for (List<Alert> lane : single) {
            lane.forEach(PgCaseServiceIT::apply);
        }

        for (int i = 0; i < batch.size(); i++) {
            assertThat(cases(batch.get(i))).as("lane " + i).isEqualTo(cases(single.get(i)));
        }
        assertThat(cases(batch.get(2))).as("a stale revision changed nothing")
                .isEqualTo("2 receipts; orange collected: created / opened");
        assertThat(cases(batch.get(4))).as("a new episode after closure opened a second case")
                .isEqualTo("3 receipts; yellow closed: created alert_cleared transition / opened alert_cleared state_changed"
                        + " | orange collected: created / opened");
        assertThat(cases(batch.get(5))).as("news and its update in one lane")
                .isEqualTo("2 receipts; red collected: created alert_update / opened alert_update");
    }

    /**
     * Six keys, each with a history applied now, and a lane for each to apply next: an update of an open case; a repeat
     * of the last record applied, then a new revision; a revision older than one applied; refreshes of an episode
     * whose case was voided, the last one worse; a new episode after its key's case was closed; and news of a new key
     * with its update.
     */
    private static List<List<Alert>> withHistory(Instant first) {
        int open = freshPort();
        int repeated = freshPort();
        int stale = freshPort();
        int voided = freshPort();
        int reopened = freshPort();
        int news = freshPort();
        apply(Alerts.portOverload(open, Severity.YELLOW, AlertStatus.RAISED, 1, first));
        apply(Alerts.portOverload(repeated, Severity.YELLOW, AlertStatus.RAISED, 1, first));
        apply(Alerts.portOverload(repeated, Severity.ORANGE, AlertStatus.UPDATED, 2, first));
        apply(Alerts.portOverload(stale, Severity.ORANGE, AlertStatus.RAISED, 3, first));
        CaseRecord v = apply(Alerts.portOverload(voided, Severity.ORANGE, AlertStatus.RAISED, 1, first));
        await(f.service.transition(DISTRICT, v.id(), TransitionRequest.of(CaseAction.VOID, "false alarm: meter fault")));
        CaseRecord c = apply(Alerts.portOverload(reopened, Severity.YELLOW, AlertStatus.RAISED, 1, first));
        apply(Alerts.portOverload(reopened, Severity.YELLOW, AlertStatus.CLEARED, 2, first));
        act(COMMUNITY_OP, c.id(), CaseAction.CLOSE);
        return List.of(
                List.of(Alerts.portOverload(open, Severity.ORANGE, AlertStatus.UPDATED, 2, first)),
                List.of(Alerts.portOverload(repeated, Severity.ORANGE, AlertStatus.UPDATED, 2, first),
                        Alerts.portOverload(repeated, Severity.RED, AlertStatus.UPDATED, 3, first)),
                List.of(Alerts.portOverload(stale, Severity.YELLOW, AlertStatus.UPDATED, 2, first)),
                List.of(Alerts.portOverload(voided, Severity.ORANGE, AlertStatus.UPDATED, 2, first),
                        Alerts.portOverload(voided, Severity.RED, AlertStatus.UPDATED, 3, first)),
                List.of(Alerts.portOverload(reopened, Severity.ORANGE, AlertStatus.RAISED, 1, first.plusSeconds(3600))),
                List.of(Alerts.portOverload(news, Severity.RED, AlertStatus.RAISED, 1, first),
                        Alerts.portOverload(news, Severity.RED, AlertStatus.UPDATED, 2, first)));
    }

    /** Every case of a lane's key, oldest first (severity, state, history kinds, notices), after its receipt count. */
    private static String cases(List<Alert> lane) throws Exception {
        String key = lane.get(0).dedupKey();
        long receipts = f.strings("select count(*) from alert_receipts r join cases c on c.id = r.case_id "
                + "where c.dedup_key = ?", key).stream().mapToLong(Long::parseLong).sum();
        List<String> out = new java.util.ArrayList<>();
        for (String row : f.strings("select id || ' ' || severity || ' ' || state from cases where dedup_key = ? "
                + "order by id", key)) {
            long id = Long.parseLong(row.split(" ")[0]);
            out.add(row.substring(row.indexOf(' ') + 1) + ": "
                    + String.join(" ", f.strings("select kind from case_events where case_id = ? order by seq", id))
                    + " / " + String.join(" ", f.notices(id)));
        }
        return receipts + " receipts; " + String.join(" | ", out);
    }

    /**
     * Three keys: a port raised yellow, raised to red and that revision repeated; a port raised and then cleared; a
     * clear of a port with nothing open.
     */
    private static List<List<Alert>> story(Instant first) {
        int a = freshPort();
        int b = freshPort();
        int c = freshPort();
        return List.of(
                List.of(Alerts.portOverload(a, Severity.YELLOW, AlertStatus.RAISED, 1, first),
                        Alerts.portOverload(a, Severity.RED, AlertStatus.UPDATED, 2, first),
                        Alerts.portOverload(a, Severity.RED, AlertStatus.UPDATED, 2, first),
                        Alerts.portOverload(a, Severity.RED, AlertStatus.UPDATED, 3, first)),
                List.of(Alerts.portOverload(b, Severity.ORANGE, AlertStatus.RAISED, 1, first),
                        Alerts.portOverload(b, Severity.ORANGE, AlertStatus.CLEARED, 2, first)),
                List.of(Alerts.portOverload(c, Severity.BLUE, AlertStatus.CLEARED, 1, first)));
    }

    /** A lane's case (state, severity), its receipts, its history's kinds and the notices queued for it. */
    private static String outcome(List<Alert> lane) throws Exception {
        String receipts = f.strings("select count(*) from alert_receipts where alert_id = ?", lane.get(0).id()).get(0);
        List<String> c = f.strings("select id || ' ' || state || ' ' || severity from cases where dedup_key = ?",
                lane.get(0).dedupKey());
        if (c.isEmpty()) {
            return "no case " + receipts + " receipts";
        }
        assertThat(c).hasSize(1);
        long id = Long.parseLong(c.get(0).split(" ")[0]);
        return c.get(0).substring(c.get(0).indexOf(' ') + 1) + " " + receipts + " receipts: "
                + String.join(" ", f.strings("select kind from case_events where case_id = ? order by seq", id))
                + " / " + String.join(" ", f.notices(id));
    }

    @Test
    void aGridWorkerReportsInTheirGridOnly() {
        f.clock.set(T0.plusSeconds(600));
        CaseRecord c = await(f.service.report(WORKER, new NewCase(Origin.GRID_REPORT, "Flying lead from 3rd floor",
                "cable hangs over the path", "02-05", null, null, COMPOUND, null, List.of("photo-1"))));
        assertThat(c.origin()).isEqualTo(Origin.GRID_REPORT);
        assertThat(c.severity()).isEqualTo(Severity.BLUE);
        assertThat(c.state()).isEqualTo(CaseState.COLLECTED);
        assertThat(c.assignedUnit()).isEqualTo(GRID);
        assertThat(c.department()).isEqualTo("property");
        assertThat(c.dedupKey()).isNull();
        CaseEvent created = await(f.service.detail(WORKER, c.id())).history().get(0);
        assertThat(created.kind()).isEqualTo("created");
        assertThat(created.actor()).isEqualTo("li");
        assertThat(created.actorRole()).isEqualTo("grid_worker");
        assertThat(created.attachments()).containsExactly("photo-1");

        refusal(f.service.report(WORKER, new NewCase(Origin.GRID_REPORT, "x", null, "05-01", null, NEIGHBOUR_GRID,
                null, null, List.of())), Kind.FORBIDDEN);
        refusal(f.service.report(PROPERTY, new NewCase(Origin.GRID_REPORT, "x", null, "05-01", null, GRID, null, null,
                List.of())), Kind.FORBIDDEN);
        assertThat(refusal(f.service.report(WORKER, new NewCase(Origin.GRID_REPORT, "x", null, "99-01", null, GRID,
                null, null, List.of())), Kind.INVALID)).hasMessageContaining("99-01");
        assertThat(refusal(f.service.report(DISTRICT, new NewCase(Origin.ALERT, "x", null, "05-01", null, GRID, null,
                null, List.of())), Kind.INVALID)).hasMessageContaining("grid_report or resident_report");
        CaseRecord resident = await(f.service.report(COMMUNITY_OP, new NewCase(Origin.RESIDENT_REPORT,
                "Broken lamp", null, "05-02", Severity.YELLOW, NEIGHBOUR_GRID, null, null, null)));
        assertThat(resident.assignedUnit()).isEqualTo(NEIGHBOUR_GRID);
        assertThat(resident.severity()).isEqualTo(Severity.YELLOW);
    }

    @Test
    void theFullLoopRunsToEvaluationByTheRightRolesWithAnAuditEntryAndNoticePerChange() throws Exception {
        Instant t = T0.plus(Duration.ofHours(1));
        f.clock.set(t);
        CaseRecord c = apply(Alerts.portOverload(freshPort(), Severity.YELLOW, AlertStatus.RAISED, 1, t));
        long id = c.id();
        act(WORKER, id, CaseAction.VERIFY);
        act(COMMUNITY_OP, id, CaseAction.ANALYSE);
        refusal(f.service.transition(PROPERTY_DEPT, id, TransitionRequest.of(CaseAction.START, null)), Kind.NOT_FOUND);

        Instant dispatchedAt = f.clock.advance(Duration.ofMinutes(5));
        CaseRecord dispatched = await(f.service.transition(COMMUNITY_OP, id,
                new TransitionRequest(CaseAction.DISPATCH, "go", List.of(), null, "pm1", null)));
        assertThat(dispatched.state()).isEqualTo(CaseState.DISPATCHED);
        assertThat(dispatched.dispatchedAt()).isEqualTo(dispatchedAt);
        assertThat(dispatched.deadlineAt()).isEqualTo(dispatchedAt.plus(Duration.ofHours(8)));
        assertThat(dispatched.nextSupervisionAt()).isEqualTo(dispatched.deadlineAt());
        assertThat(dispatched.assignee()).isEqualTo("pm1");

        CaseRecord started = act(PROPERTY_DEPT, id, CaseAction.START);
        assertThat(started.assignee()).isEqualTo("wy");
        refusal(f.service.transition(PROPERTY, id, new TransitionRequest(CaseAction.COORDINATE, null, List.of(), "fire",
                null, null)), Kind.FORBIDDEN);
        CaseRecord coordinating = await(f.service.transition(PROPERTY_DEPT, id,
                new TransitionRequest(CaseAction.COORDINATE, "smell of burning", List.of(), "fire", null, null)));
        assertThat(coordinating.coordinatingDepartments()).containsExactly("fire");
        assertThat(await(f.service.detail(FIRE_DEPT, id)).caseRecord().id()).isEqualTo(id);

        CaseRecord feedback = await(f.service.transition(FIRE_DEPT, id,
                new TransitionRequest(CaseAction.SUBMIT_FEEDBACK, "port isolated", List.of("snap-9"), null, null, null)));
        assertThat(feedback.feedbackAt()).isNotNull();
        CaseRecord rework = act(COMMUNITY_OP, id, CaseAction.REWORK);
        assertThat(rework.reworked()).isTrue();
        assertThat(rework.feedbackAt()).isNull();
        assertThat(rework.state()).isEqualTo(CaseState.IN_HANDLING);
        act(PROPERTY, id, CaseAction.SUBMIT_FEEDBACK);
        CaseRecord closed = act(COMMUNITY_OP, id, CaseAction.CLOSE);
        assertThat(closed.closedAt()).isNotNull();
        assertThat(closed.nextSupervisionAt()).isNull();
        CaseRecord evaluated = await(f.service.transition(DISTRICT, id,
                new TransitionRequest(CaseAction.EVALUATE, null, List.of(), null, null, 5)));
        assertThat(evaluated.state()).isEqualTo(CaseState.EVALUATED);
        assertThat(evaluated.evaluationScore()).isEqualTo(5);
        assertThat(evaluated.evaluatedAt()).isNotNull();

        List<CaseEvent> history = await(f.service.detail(DISTRICT, id)).history();
        assertThat(history).extracting(CaseEvent::toState).containsExactly(CaseState.COLLECTED, CaseState.VERIFIED,
                CaseState.ANALYSED, CaseState.DISPATCHED, CaseState.IN_HANDLING, CaseState.COORDINATING,
                CaseState.FEEDBACK_SUBMITTED, CaseState.IN_HANDLING, CaseState.FEEDBACK_SUBMITTED, CaseState.CLOSED,
                CaseState.EVALUATED);
        assertThat(history).extracting(CaseEvent::actor).containsExactly("system", "li", "chen", "chen", "wy", "wy",
                "xf", "chen", "pm1", "chen", "zhou");
        assertThat(history.get(3).data()).containsEntry("deadline", dispatched.deadlineAt().toString());
        assertThat(history.get(6).attachments()).containsExactly("snap-9");
        // one audit entry and one notice per change; the version counts the changes after filing
        assertThat(evaluated.version()).isEqualTo(history.size() - 1);
        assertThat(f.notices(id)).hasSize(history.size()).startsWith("opened").endsWith("state_changed");
    }

    @Test
    void illegalStepsConflictWrongRolesAreForbiddenOtherScopesAreNotFound() {
        f.clock.set(T0.plus(Duration.ofHours(2)));
        CaseRecord c = apply(Alerts.portOverload(freshPort(), Severity.YELLOW, AlertStatus.RAISED, 1,
                T0.plus(Duration.ofHours(2))));
        long id = c.id();
        assertThat(refusal(f.service.transition(COMMUNITY_OP, id, TransitionRequest.of(CaseAction.CLOSE, "x")),
                Kind.CONFLICT)).hasMessage("cannot close a case that is collected; allowed from [feedback_submitted]");
        assertThat(refusal(f.service.transition(WORKER, id, TransitionRequest.of(CaseAction.EVALUATE, "x")),
                Kind.FORBIDDEN)).hasMessageContaining("grid_worker may not evaluate");
        refusal(f.service.transition(NEIGHBOUR_WORKER, id, TransitionRequest.of(CaseAction.VERIFY, "x")), Kind.NOT_FOUND);
        refusal(f.service.transition(OTHER_PROPERTY, id, TransitionRequest.of(CaseAction.VERIFY, "x")), Kind.NOT_FOUND);
        refusal(f.service.detail(OTHER_PROPERTY, id), Kind.NOT_FOUND);
        refusal(f.service.detail(EMERGENCY, id), Kind.NOT_FOUND);
        refusal(f.service.detail(DISTRICT, 987_654_321L), Kind.NOT_FOUND);
        refusal(f.service.comment(NEIGHBOUR_WORKER, id, "hello", List.of()), Kind.NOT_FOUND);

        assertThat(refusal(f.service.transition(WORKER, id, TransitionRequest.of(CaseAction.VOID, " ")), Kind.INVALID))
                .hasMessageContaining("note");
        act(WORKER, id, CaseAction.VERIFY);
        act(COMMUNITY_OP, id, CaseAction.ANALYSE);
        assertThat(refusal(f.service.transition(COMMUNITY_OP, id, new TransitionRequest(CaseAction.DISPATCH, null,
                List.of(), "plumbers", null, null)), Kind.INVALID)).hasMessageContaining("plumbers");
        act(COMMUNITY_OP, id, CaseAction.DISPATCH);
        act(WORKER, id, CaseAction.START);
        assertThat(refusal(f.service.transition(WORKER, id, TransitionRequest.of(CaseAction.COORDINATE, "x")),
                Kind.INVALID)).hasMessageContaining("department");
        assertThat(refusal(f.service.transition(WORKER, id, TransitionRequest.of(CaseAction.SUBMIT_FEEDBACK, null)),
                Kind.INVALID)).hasMessageContaining("note");
        act(WORKER, id, CaseAction.SUBMIT_FEEDBACK);
        act(COMMUNITY_OP, id, CaseAction.CLOSE);
        assertThat(refusal(f.service.transition(COMMUNITY_OP, id, new TransitionRequest(CaseAction.EVALUATE, null,
                List.of(), null, null, 7)), Kind.INVALID)).hasMessageContaining("1 to 5");
        // refused requests left no trace
        assertThat(await(f.service.detail(DISTRICT, id)).history()).hasSize(7);

        CaseRecord crowd = apply(Alerts.of(AlertType.CROWD_DENSITY, Severity.ORANGE, SourceKind.ZONE, ZONE, COUNTER,
                at(ZONE), T0.plus(Duration.ofHours(2))));
        refusal(f.service.detail(PROPERTY, crowd.id()), Kind.NOT_FOUND);
        assertThat(await(f.service.detail(EMERGENCY, crowd.id())).caseRecord().id()).isEqualTo(crowd.id());
    }

    @Test
    void avoidedFalseAlarmEndsTheCase() {
        f.clock.set(T0.plus(Duration.ofHours(3)));
        CaseRecord c = apply(Alerts.portOverload(freshPort(), Severity.BLUE, AlertStatus.RAISED, 1, T0.plus(Duration.ofHours(3))));
        CaseRecord voided = act(WORKER, c.id(), CaseAction.VOID);
        assertThat(voided.state()).isEqualTo(CaseState.VOIDED);
        assertThat(voided.voidReason()).isEqualTo("ok");
        assertThat(voided.closedAt()).isEqualTo(T0.plus(Duration.ofHours(3)));
    }

    @Test
    void assignmentAndComments() throws Exception {
        f.clock.set(T0.plus(Duration.ofHours(4)));
        CaseRecord c = apply(Alerts.portOverload(freshPort(), Severity.BLUE, AlertStatus.RAISED, 1, T0.plus(Duration.ofHours(4))));
        assertThat(await(f.service.assign(COMMUNITY_OP, c.id(), "li", "yours")).assignee()).isEqualTo("li");
        assertThat(refusal(f.service.assign(WORKER, c.id(), "wang", null), Kind.FORBIDDEN)).hasMessageContaining("grid worker");
        assertThat(await(f.service.assign(WORKER, c.id(), "li", "taking it")).assignee()).isEqualTo("li");
        refusal(f.service.assign(PROPERTY, c.id(), "pm1", null), Kind.FORBIDDEN);
        refusal(f.service.assign(COMMUNITY_OP, c.id(), " ", null), Kind.INVALID);

        CaseEvent comment = await(f.service.comment(PROPERTY, c.id(), "port switched off", List.of("snap-1")));
        assertThat(comment.kind()).isEqualTo("comment");
        assertThat(comment.actor()).isEqualTo("pm1");
        assertThat(comment.attachments()).containsExactly("snap-1");
        refusal(f.service.comment(PROPERTY, c.id(), " ", List.of()), Kind.INVALID);
        assertThat(await(f.service.detail(DISTRICT, c.id())).history()).extracting(CaseEvent::kind)
                .containsExactly("created", "assigned", "assigned", "comment");
        assertThat(f.notices(c.id())).containsExactly("opened", "assigned", "assigned", "comment");
    }

    @Test
    void listAppliesTheCallersScopeAndTheFiltersMostUrgentFirst() {
        Instant t = T0.plus(Duration.ofHours(5));
        f.clock.set(t);
        CaseRecord mine = apply(Alerts.portOverload(freshPort(), Severity.BLUE, AlertStatus.RAISED, 1, t));
        f.clock.set(t.plusSeconds(1));
        CaseRecord mineRed = apply(Alerts.portOverload(freshPort(), Severity.RED, AlertStatus.RAISED, 1, t));
        CaseRecord other = apply(Alerts.of(AlertType.DEVICE_OFFLINE, Severity.YELLOW, SourceKind.DEVICE, OTHER_CHARGER,
                OTHER_CHARGER, null, t));
        CaseRecord crowd = apply(Alerts.of(AlertType.CROWD_INFLOW, Severity.ORANGE, SourceKind.ZONE, ZONE, COUNTER,
                at(ZONE), t));
        CaseRecord gate = apply(Alerts.of(AlertType.GATE_TAILGATING, Severity.YELLOW, SourceKind.DEVICE, GATE, GATE,
                at(COMPOUND), t));

        Page<CaseRecord> all = await(f.service.list(DISTRICT, new CaseQuery(null, null, null, null, null, null, null,
                null, null, null, true, 500, 0)));
        assertThat(all.items()).extracting(CaseRecord::id).contains(mine.id(), mineRed.id(), other.id(), crowd.id(), gate.id());
        assertThat(all.total()).isEqualTo(all.items().size());
        assertThat(all.items()).extracting(CaseRecord::severity).isSortedAccordingTo((a, b) -> b.compareTo(a));

        List<Long> worker = ids(WORKER, CaseQuery.all());
        assertThat(worker).contains(mine.id(), mineRed.id(), gate.id()).doesNotContain(other.id(), crowd.id());
        List<Long> property = ids(PROPERTY, CaseQuery.all());
        assertThat(property).as("tailgating in their compound is property's too")
                .contains(mine.id(), mineRed.id(), gate.id()).doesNotContain(other.id(), crowd.id());
        assertThat(ids(EMERGENCY, CaseQuery.all())).contains(crowd.id()).doesNotContain(mine.id(), other.id());
        assertThat(ids(PROPERTY_DEPT, CaseQuery.all())).doesNotContain(mine.id(), other.id());

        assertThat(ids(WORKER, new CaseQuery(null, null, OTHER_GRID, null, null, null, null, null, null, null, null, 100, 0)))
                .as("a filter narrows the scope, never widens it").isEmpty();
        List<Long> urgent = ids(DISTRICT, new CaseQuery(null, null, GRID, null, null, Set.of(CaseState.COLLECTED),
                Severity.ORANGE, false, null, "02-01", true, 100, 0));
        assertThat(urgent).contains(mineRed.id()).doesNotContain(mine.id(), gate.id());
        Page<CaseRecord> page = await(f.service.list(DISTRICT, new CaseQuery(null, null, null, null, null, null, null,
                null, null, null, null, 2, 1)));
        assertThat(page.items()).hasSize(2);
        assertThat(page.total()).isGreaterThanOrEqualTo(5);
        refusal(f.service.list(DISTRICT, new CaseQuery(null, null, null, null, null, null, null, null, null, null,
                null, 0, 0)), Kind.INVALID);
    }

    @Test
    void kpisAreForCentreOperatorsAndComputedOverTheirScope() {
        KpiQuery q = new KpiQuery(KpiQuery.KpiGroup.GRID, T0, T0.plus(Duration.ofDays(1)));
        refusal(f.service.kpis(WORKER, q), Kind.FORBIDDEN);
        await(f.service.kpis(COMMUNITY_OP, q));
        assertThat(f.kpiScope.get().communityId()).isEqualTo(COMMUNITY);
    }

    private static List<Long> ids(Principal who, CaseQuery q) {
        return await(f.service.list(who, q)).items().stream().map(CaseRecord::id).toList();
    }
}
