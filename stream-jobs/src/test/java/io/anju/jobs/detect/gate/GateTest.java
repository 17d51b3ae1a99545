package io.anju.jobs.detect.gate;

import io.anju.common.alert.Alert;
import io.anju.jobs.alert.FactLines;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import io.anju.common.alert.Severity;
import io.anju.common.model.LocationChain;
import io.anju.jobs.alert.AlertBook;
import io.anju.jobs.detect.DetectorSettings;
import io.anju.jobs.detect.DeviceHarness;
import io.anju.jobs.input.GateEvent;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gate anomalies as a part of the per-device detectors. GateTracker never deletes a timer (another part of the same
 * gate, the offline watch, may have one at the same instant), and every gate also has the offline part's timer, so
 * these tests assert when an episode clears and that nothing is raised twice rather than counting timers.
 */
class GateTest {
    static final long SECOND = 1_000;
    static final long MINUTE = 60 * SECOND;
    static final long BEGINNING = 1_764_378_000_000L;
    static final long QUIET = 10 * MINUTE;
    static final String GATE = "gate-0001";
    static final LocationChain LOCATION = new LocationChain("sd-1", "cm-1", "gr-1", "cp-7", null);
    static final AlertType[] GATE_TYPES = {AlertType.GATE_FORCED_OPEN, AlertType.GATE_HELD_OPEN,
            AlertType.GATE_TAILGATING, AlertType.GATE_DENIED_BURST};

    private DeviceHarness harness;

    @BeforeEach
    void start() throws Exception {
        harness = DeviceHarness.open(DetectorSettings.defaults(), GATE_TYPES);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    static GateEvent event(String kind, long ts, String personType, String snapshotId) {
        return new GateEvent(GATE, ts, LOCATION, kind, "in", "face", personType, snapshotId);
    }

    static GateEvent forced(long ts, String snapshotId) {
        return event("forced_open", ts, null, snapshotId);
    }

    static GateEvent pass(long ts) {
        return event("pass", ts, "resident", null);
    }

    static GateEvent denied(long ts) {
        return event("denied", ts, "resident", null);
    }

    private void send(GateEvent e) throws Exception {
        harness.gate(e);
    }

    private void sendDenials(long... offsets) throws Exception {
        for (long offset : offsets) {
            send(denied(BEGINNING + offset));
        }
    }

    private List<Alert> alerts() {
        return harness.all();
    }

    @Test
    void aForcedOpeningRaisesOrangeAtOnceWithItsSnapshot() throws Exception {
        send(forced(BEGINNING, "snap-1"));

        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AlertType.GATE_FORCED_OPEN);
            assertThat(a.severity()).isEqualTo(Severity.ORANGE);
            assertThat(a.status()).isEqualTo(AlertStatus.RAISED);
            assertThat(a.sourceId()).isEqualTo(GATE);
            assertThat(a.deviceId()).isEqualTo(GATE);
            assertThat(a.recommendedAction()).isEqualTo("dispatch_security");
            assertThat(a.location()).isEqualTo(LOCATION);
            assertThat(a.firstEventTs()).isEqualTo(BEGINNING);
            assertThat(a.evidence()).singleElement().extracting(Evidence::snapshotId).isEqualTo("snap-1");
        });
        // The end of the episode's quiet period, and the offline watch every device has.
        assertThat(harness.eventTimeTimers()).isEqualTo(2);
    }

    @Test
    void aForcedOpeningClearsWhenTheWatermarkPassesTheQuietPeriod() throws Exception {
        send(forced(BEGINNING, "snap-1"));
        harness.watermark(BEGINNING + QUIET - 1);
        assertThat(alerts()).hasSize(1);

        harness.watermark(BEGINNING + QUIET);

        assertThat(alerts()).extracting(Alert::status).containsExactly(AlertStatus.RAISED, AlertStatus.CLEARED);
        assertThat(alerts().get(1).lastEventTs()).isEqualTo(BEGINNING + QUIET);
        assertThat(alerts().get(1).summary()).contains("no gate_forced_open for 10 min");
        // The silent gate's offline watch has fired too (270 s): no timer is left to raise anything.
        assertThat(harness.eventTimeTimers()).isZero();
    }

    @Test
    void aPassAfterTheQuietPeriodClearsBeforeTheWatermarkComes() throws Exception {
        send(forced(BEGINNING, "snap-1"));
        send(pass(BEGINNING + 5 * MINUTE));
        assertThat(alerts()).hasSize(1);

        send(pass(BEGINNING + QUIET));

        assertThat(alerts()).extracting(Alert::status).containsExactly(AlertStatus.RAISED, AlertStatus.CLEARED);
        assertThat(alerts().get(1).lastEventTs()).isEqualTo(BEGINNING + QUIET);
        // The episode's timer is not deleted; when it fires it finds nothing left to end.
        harness.watermark(BEGINNING + 2 * QUIET);
        assertThat(alerts()).as("cleared once").hasSize(2);
    }

    @Test
    void aRepeatWithinTheQuietPeriodUpdatesTheAlertAndPushesTheClear() throws Exception {
        send(forced(BEGINNING, "snap-1"));
        send(forced(BEGINNING + 4 * MINUTE, "snap-2"));

        assertThat(alerts()).extracting(Alert::status).containsExactly(AlertStatus.RAISED, AlertStatus.UPDATED);
        Alert update = alerts().get(1);
        assertThat(update.id()).isEqualTo(alerts().get(0).id());
        assertThat(update.summary()).contains("2 times");
        assertThat(FactLines.of(update)).contains("times 2 times");
        assertThat(update.evidence()).singleElement().extracting(Evidence::snapshotId).isEqualTo("snap-2");

        harness.watermark(BEGINNING + QUIET);
        assertThat(alerts()).as("the first event's timer finds the episode still open").hasSize(2);
        harness.watermark(BEGINNING + 4 * MINUTE + QUIET - 1);
        assertThat(alerts()).hasSize(2);
        harness.watermark(BEGINNING + 4 * MINUTE + QUIET);
        assertThat(alerts()).extracting(Alert::status).last().isEqualTo(AlertStatus.CLEARED);
        assertThat(alerts().get(2).lastEventTs()).isEqualTo(BEGINNING + 4 * MINUTE + QUIET);
        harness.watermark(BEGINNING + 3 * QUIET);
        assertThat(alerts()).as("cleared once").hasSize(3);
    }

    @Test
    void aForcedOpeningAfterTheClearIsANewAlert() throws Exception {
        send(forced(BEGINNING, "snap-1"));
        harness.watermark(BEGINNING + QUIET);
        send(forced(BEGINNING + 20 * MINUTE, "snap-2"));

        List<Alert> out = alerts();
        assertThat(out).extracting(Alert::status)
                .containsExactly(AlertStatus.RAISED, AlertStatus.CLEARED, AlertStatus.RAISED);
        assertThat(out.get(2).id()).isNotEqualTo(out.get(0).id());
    }

    @Test
    void aLateEventOfAClosedEpisodeDoesNotRaiseAgain() throws Exception {
        send(forced(BEGINNING + MINUTE, "snap-1"));
        harness.watermark(BEGINNING + MINUTE + QUIET);
        send(forced(BEGINNING, "snap-0"));

        assertThat(alerts()).extracting(Alert::status).containsExactly(AlertStatus.RAISED, AlertStatus.CLEARED);
    }

    @Test
    void anOutOfOrderRepeatDoesNotPullTheClearForward() throws Exception {
        send(forced(BEGINNING + 2 * MINUTE, "snap-2"));
        send(forced(BEGINNING, "snap-1"));
        harness.watermark(BEGINNING + QUIET);

        assertThat(alerts()).extracting(Alert::status).containsExactly(AlertStatus.RAISED);
        harness.watermark(BEGINNING + 2 * MINUTE + QUIET);
        assertThat(alerts()).extracting(Alert::status).containsExactly(AlertStatus.RAISED, AlertStatus.CLEARED);
    }

    @Test
    void heldOpenRaisesYellowCheckGate() throws Exception {
        send(event("held_open", BEGINNING, null, "snap-h"));

        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AlertType.GATE_HELD_OPEN);
            assertThat(a.severity()).isEqualTo(Severity.YELLOW);
            assertThat(a.recommendedAction()).isEqualTo("check_gate");
            assertThat(a.evidence()).singleElement().extracting(Evidence::snapshotId).isEqualTo("snap-h");
        });
    }

    @Test
    void tailgatesRaiseYellowUpdateOnRepeatAndClearWhenQuiet() throws Exception {
        send(event("tailgate", BEGINNING, "unknown", "snap-t1"));
        send(event("tailgate", BEGINNING + 3 * MINUTE, "unknown", null));
        harness.watermark(BEGINNING + 3 * MINUTE + QUIET);

        List<Alert> out = alerts();
        assertThat(out).extracting(Alert::status)
                .containsExactly(AlertStatus.RAISED, AlertStatus.UPDATED, AlertStatus.CLEARED);
        assertThat(out).allSatisfy(a -> assertThat(a.type()).isEqualTo(AlertType.GATE_TAILGATING));
        assertThat(out.get(0).severity()).isEqualTo(Severity.YELLOW);
        assertThat(out.get(0).recommendedAction()).isEqualTo("notify_security");
        assertThat(out.get(1).evidence()).singleElement().satisfies(e -> {
            assertThat(e.ts()).isEqualTo(BEGINNING + 3 * MINUTE);
            assertThat(e.snapshotId()).isNull();
        });
    }

    @Test
    void fiveDenialsWithinAMinuteAreABurst() throws Exception {
        sendDenials(0, 15 * SECOND, 30 * SECOND, 45 * SECOND);
        assertThat(alerts()).isEmpty();

        sendDenials(60 * SECOND);

        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AlertType.GATE_DENIED_BURST);
            assertThat(a.severity()).isEqualTo(Severity.YELLOW);
            assertThat(a.recommendedAction()).isEqualTo("check_gate");
            assertThat(a.firstEventTs()).isEqualTo(BEGINNING + 60 * SECOND);
            assertThat(a.summary()).contains("5 denied verifications within 60 s");
            assertThat(FactLines.of(a)).containsExactly("denials 5 times", "withinS 60 s", "suspectPerson = false");
            assertThat(a.evidence()).hasSize(5);
        });
    }

    @Test
    void fiveDenialsSpreadOverMoreThanAMinuteAreNot() throws Exception {
        sendDenials(0, 15 * SECOND, 30 * SECOND, 45 * SECOND, 60 * SECOND + 1);

        assertThat(alerts()).isEmpty();
    }

    @Test
    void aPassBetweenDenialsStartsTheCountAgain() throws Exception {
        sendDenials(0, 5 * SECOND, 10 * SECOND);
        send(pass(BEGINNING + 12 * SECOND));
        sendDenials(15 * SECOND, 20 * SECOND, 25 * SECOND);

        assertThat(alerts()).isEmpty();
    }

    @Test
    void aPassThatArrivesLateStillSeparatesTheDenials() throws Exception {
        sendDenials(0, 5 * SECOND, 10 * SECOND, 20 * SECOND);
        send(pass(BEGINNING + 15 * SECOND));
        sendDenials(25 * SECOND, 30 * SECOND);
        assertThat(alerts()).isEmpty();

        sendDenials(35 * SECOND, 40 * SECOND);
        assertThat(alerts()).singleElement().satisfies(a -> assertThat(a.evidence()).extracting(Evidence::ts)
                .containsExactly(BEGINNING + 20 * SECOND, BEGINNING + 25 * SECOND, BEGINNING + 30 * SECOND,
                        BEGINNING + 35 * SECOND, BEGINNING + 40 * SECOND));
    }

    @Test
    void furtherDenialsUpdateTheBurstAndUnknownPersonsCallSecurity() throws Exception {
        sendDenials(0, 10 * SECOND, 20 * SECOND, 30 * SECOND, 40 * SECOND);
        send(event("denied", BEGINNING + 45 * SECOND, "unknown", "snap-u"));

        List<Alert> out = alerts();
        assertThat(out).extracting(Alert::status).containsExactly(AlertStatus.RAISED, AlertStatus.UPDATED);
        assertThat(out.get(1).recommendedAction()).isEqualTo("dispatch_security");
        assertThat(out.get(1).evidence()).extracting(Evidence::snapshotId).contains("snap-u");

        harness.watermark(BEGINNING + 45 * SECOND + QUIET);
        assertThat(alerts()).extracting(Alert::status).last().isEqualTo(AlertStatus.CLEARED);
    }

    /** The simulator's background: 50 verifications an hour at the evening peak, 8 % of them denied, for a day. */
    @Test
    void theBackgroundDenialRateNeverMakesABurst() throws Exception {
        Random rng = new Random(42);
        int denials = 0;
        for (long t = BEGINNING; t < BEGINNING + 24 * 60 * MINUTE; t += SECOND) {
            if (rng.nextDouble() < 50.0 / 3600) {
                boolean deny = rng.nextDouble() < 0.08;
                denials += deny ? 1 : 0;
                send(deny ? denied(t) : pass(t));
            }
        }

        assertThat(denials).isPositive();
        assertThat(alerts()).isEmpty();
    }

    @Test
    void theSimulatorsForcedGateFaultRaisesExactlyOneOrangeAlert() throws Exception {
        long fault = BEGINNING + 30 * MINUTE;
        Random rng = new Random(7);
        for (long t = BEGINNING; t < BEGINNING + 60 * MINUTE; t += SECOND) {
            if (t == fault) {
                send(forced(t, GATE + "-" + t));
            }
            if (rng.nextDouble() < 50.0 / 3600) {
                send(rng.nextDouble() < 0.05 ? denied(t) : pass(t));
            }
            if (t % (10 * SECOND) == 0) {
                harness.watermark(t - 5 * SECOND);
            }
        }

        assertThat(alerts()).filteredOn(a -> a.status() == AlertStatus.RAISED).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AlertType.GATE_FORCED_OPEN);
            assertThat(a.severity()).isEqualTo(Severity.ORANGE);
            assertThat(a.firstEventTs()).isEqualTo(fault);
        });
    }

    @Test
    void unknownKindsAreIgnored() throws Exception {
        send(event("jammed", BEGINNING, null, null));

        assertThat(alerts()).isEmpty();
        // The gate part keeps nothing (the offline part does: an unknown kind still shows the gate is alive).
        assertThat(harness.mapEntries(GATE, new MapStateDescriptor<>("gate.episodes", AlertType.class,
                Episode.class))).isZero();
        assertThat(harness.mapEntries(GATE, AlertBook.descriptor("gate.alerts"))).isZero();
        assertThat(harness.listEntries(GATE, new ListStateDescriptor<>("gate.denials", Denial.class))).isZero();
        assertThat(harness.value(GATE, new ValueStateDescriptor<>("gate.lastPass", Long.class))).isNull();
    }

    @Test
    void anOpenEpisodeAndItsTimerSurviveARestore() throws Exception {
        send(forced(BEGINNING, "snap-1"));
        String id = alerts().get(0).id();
        OperatorSubtaskState snapshot = harness.snapshot(1, BEGINNING);
        harness.close();

        harness = DeviceHarness.restored(DetectorSettings.defaults(), snapshot, GATE_TYPES);
        send(forced(BEGINNING + MINUTE, "snap-2"));
        harness.watermark(BEGINNING + MINUTE + QUIET);

        assertThat(alerts()).extracting(Alert::status).containsExactly(AlertStatus.UPDATED, AlertStatus.CLEARED);
        assertThat(alerts()).allSatisfy(a -> assertThat(a.id()).isEqualTo(id));
    }
}
