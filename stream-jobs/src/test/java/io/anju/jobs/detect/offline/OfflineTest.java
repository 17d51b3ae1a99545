package io.anju.jobs.detect.offline;

import io.anju.common.alert.Alert;
import io.anju.jobs.alert.FactLines;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import io.anju.common.alert.Severity;
import io.anju.common.alert.SourceKind;
import io.anju.common.model.DeviceType;
import io.anju.common.model.LocationChain;
import io.anju.jobs.detect.DetectorSettings;
import io.anju.jobs.detect.DeviceHarness;
import io.anju.jobs.input.DeviceSeen;
import io.anju.jobs.input.GateEvent;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Device offline as a part of the per-device detectors. Most scenarios feed status-only messages ({@code seen}): for
 * such a device the offline part is the only one with timers, so the harness's timer count is this part's.
 */
class OfflineTest {
    static final long SECOND = 1_000;
    static final long MINUTE = 60 * SECOND;
    static final long BEGINNING = 1_764_378_000_000L;
    static final long TIMEOUT = 270 * SECOND;
    static final String CHARGER = "chg-0001";
    static final LocationChain LOCATION = new LocationChain("sd-1", "cm-1", "gr-1", "cp-1", null);

    private DeviceHarness harness;

    @BeforeEach
    void start() throws Exception {
        harness = harnessFor(OfflineSettings.defaults());
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    static DeviceHarness harnessFor(OfflineSettings settings) throws Exception {
        return DeviceHarness.open(DetectorSettings.defaults().withOffline(settings), AlertType.DEVICE_OFFLINE);
    }

    static DeviceSeen seen(String id, long ts) {
        return new DeviceSeen(id, DeviceType.CHARGER, ts, LOCATION, false);
    }

    /** The Will carries the time of the connect that registered it, long before the connection dropped. */
    static DeviceSeen will(String id, long connectTs) {
        return new DeviceSeen(id, DeviceType.CHARGER, connectTs, LOCATION, true);
    }

    private void send(DeviceSeen m) throws Exception {
        harness.seen(m);
    }

    private List<Alert> alerts() {
        return harness.all();
    }

    @Test
    void raisesExactlyAtTheTimeoutEdge() throws Exception {
        send(seen(CHARGER, BEGINNING));
        harness.watermark(BEGINNING + TIMEOUT - 1);
        assertThat(alerts()).isEmpty();

        harness.watermark(BEGINNING + TIMEOUT);

        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AlertType.DEVICE_OFFLINE);
            assertThat(a.severity()).isEqualTo(Severity.YELLOW);
            assertThat(a.status()).isEqualTo(AlertStatus.RAISED);
            assertThat(a.sourceKind()).isEqualTo(SourceKind.DEVICE);
            assertThat(a.sourceId()).isEqualTo(CHARGER);
            assertThat(a.dedupKey()).isEqualTo("device_offline:" + CHARGER);
            assertThat(a.recommendedAction()).isEqualTo("check_device");
            assertThat(a.location()).isEqualTo(LOCATION);
            assertThat(a.firstEventTs()).isEqualTo(BEGINNING + TIMEOUT);
            assertThat(a.summary()).contains("silent for 4 min 30 s", "3 heartbeats of 1 min 30 s");
            assertThat(FactLines.of(a)).contains("silentS 270 s / 270", "connectionDropped = false");
            assertThat(a.evidence()).extracting(Evidence::signal).containsExactly("lastMessage", "silence");
        });
        assertThat(harness.eventTimeTimers()).isZero();
    }

    @Test
    void everyMessagePushesTheTimerAndLeavesOnlyOne() throws Exception {
        send(seen(CHARGER, BEGINNING));
        send(seen(CHARGER, BEGINNING + 90 * SECOND));
        send(seen(CHARGER, BEGINNING + 100 * SECOND));
        assertThat(harness.eventTimeTimers()).isEqualTo(1);

        harness.watermark(BEGINNING + 100 * SECOND + TIMEOUT - 1);
        assertThat(alerts()).isEmpty();
        harness.watermark(BEGINNING + 100 * SECOND + TIMEOUT);
        assertThat(alerts()).singleElement().extracting(Alert::firstEventTs)
                .isEqualTo(BEGINNING + 100 * SECOND + TIMEOUT);
    }

    @Test
    void clearsWhenTheDeviceComesBackWithTheDowntime() throws Exception {
        send(seen(CHARGER, BEGINNING));
        harness.watermark(BEGINNING + 5 * MINUTE);
        send(seen(CHARGER, BEGINNING + 12 * MINUTE));

        List<Alert> out = alerts();
        assertThat(out).extracting(Alert::status).containsExactly(AlertStatus.RAISED, AlertStatus.CLEARED);
        Alert cleared = out.get(1);
        assertThat(cleared.id()).isEqualTo(out.get(0).id());
        assertThat(cleared.summary()).contains("back online after 12 min of silence");
        assertThat(cleared.evidence()).singleElement().satisfies(e -> {
            assertThat(e.signal()).isEqualTo("downtime");
            assertThat(e.value()).isEqualTo(720.0);
        });
        // Watching goes on from the return.
        assertThat(harness.eventTimeTimers()).isEqualTo(1);
        harness.watermark(BEGINNING + 12 * MINUTE + TIMEOUT);
        assertThat(alerts()).hasSize(3).last().extracting(Alert::status).isEqualTo(AlertStatus.RAISED);
    }

    @Test
    void aWillThenBackWithinTheTimeoutRaisesNothing() throws Exception {
        send(seen(CHARGER, BEGINNING));
        send(will(CHARGER, BEGINNING - 3 * 60 * MINUTE));
        send(seen(CHARGER, BEGINNING + 2 * MINUTE));
        harness.watermark(BEGINNING + 2 * MINUTE + TIMEOUT - 1);

        assertThat(alerts()).isEmpty();
    }

    @Test
    void aWillAloneDoesNotRaiseButIsEvidenceWhenTheSilenceLasts() throws Exception {
        send(seen(CHARGER, BEGINNING));
        send(will(CHARGER, BEGINNING - 3 * 60 * MINUTE));
        harness.watermark(BEGINNING + TIMEOUT - 1);
        assertThat(alerts()).isEmpty();

        harness.watermark(BEGINNING + TIMEOUT);

        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.firstEventTs()).isEqualTo(BEGINNING + TIMEOUT);
            assertThat(a.summary()).contains("connection dropped");
            assertThat(a.evidence()).extracting(Evidence::signal)
                    .containsExactly("lastMessage", "statusOffline", "silence");
        });
    }

    @Test
    void aDeviceKnownOnlyByItsWillStillRaises() throws Exception {
        send(will(CHARGER, BEGINNING));
        harness.watermark(BEGINNING + TIMEOUT);

        assertThat(alerts()).singleElement().extracting(Alert::status).isEqualTo(AlertStatus.RAISED);
    }

    @Test
    void aDeadlineMovedEarlierRaisesThenAndItsEarlierTimerRaisesNothingTwice() throws Exception {
        send(will(CHARGER, BEGINNING + MINUTE));
        // A live message from before the Will's connect arrives late: the silence counts from it, a minute earlier.
        send(seen(CHARGER, BEGINNING));
        // The Will's timer is not deleted (another part of the device may share its instant): two are pending.
        assertThat(harness.eventTimeTimers()).isEqualTo(2);

        harness.watermark(BEGINNING + TIMEOUT);
        assertThat(alerts()).singleElement().extracting(Alert::firstEventTs).isEqualTo(BEGINNING + TIMEOUT);
        harness.watermark(BEGINNING + MINUTE + TIMEOUT);
        assertThat(alerts()).as("the stale timer finds nothing due").hasSize(1);
        assertThat(harness.eventTimeTimers()).isZero();
    }

    @Test
    void anOlderMessageDoesNotMoveLastSeenBackwards() throws Exception {
        send(seen(CHARGER, BEGINNING + MINUTE));
        send(seen(CHARGER, BEGINNING));
        harness.watermark(BEGINNING + TIMEOUT);
        assertThat(alerts()).isEmpty();

        harness.watermark(BEGINNING + MINUTE + TIMEOUT);
        assertThat(alerts()).singleElement().extracting(Alert::firstEventTs).isEqualTo(BEGINNING + MINUTE + TIMEOUT);
        assertThat(harness.eventTimeTimers()).isZero();
    }

    @Test
    void aStaleMessageAfterTheRaiseNeitherClearsNorRaisesAgain() throws Exception {
        send(seen(CHARGER, BEGINNING + MINUTE));
        harness.watermark(BEGINNING + MINUTE + TIMEOUT);
        send(seen(CHARGER, BEGINNING));
        harness.watermark(BEGINNING + 20 * MINUTE);

        assertThat(alerts()).extracting(Alert::status).containsExactly(AlertStatus.RAISED);
    }

    @Test
    void aLateMessageFromBeforeTheRaiseKeepsTheOneOutage() throws Exception {
        send(seen(CHARGER, BEGINNING));
        harness.watermark(BEGINNING + TIMEOUT);
        // Sent before the raise, delivered after it: the device was alive a little longer, not back.
        send(seen(CHARGER, BEGINNING + 100 * SECOND));
        harness.watermark(BEGINNING + 100 * SECOND + TIMEOUT);
        send(seen(CHARGER, BEGINNING + 15 * MINUTE));

        assertThat(alerts()).extracting(Alert::status).containsExactly(AlertStatus.RAISED, AlertStatus.CLEARED);
    }

    @Test
    void aPendingTimerSurvivesARestore() throws Exception {
        send(seen(CHARGER, BEGINNING));
        OperatorSubtaskState snapshot = harness.snapshot(1, BEGINNING);
        harness.close();

        harness = restored(snapshot);
        assertThat(harness.eventTimeTimers()).isEqualTo(1);
        harness.watermark(BEGINNING + TIMEOUT);

        assertThat(alerts()).singleElement().extracting(Alert::firstEventTs).isEqualTo(BEGINNING + TIMEOUT);
    }

    @Test
    void anOpenAlertSurvivesARestoreAndClearsWithTheSameId() throws Exception {
        send(seen(CHARGER, BEGINNING));
        harness.watermark(BEGINNING + TIMEOUT);
        String id = alerts().get(0).id();
        OperatorSubtaskState snapshot = harness.snapshot(1, BEGINNING + TIMEOUT);
        harness.close();

        harness = restored(snapshot);
        harness.watermark(BEGINNING + 10 * MINUTE);
        send(seen(CHARGER, BEGINNING + 10 * MINUTE));

        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.CLEARED);
            assertThat(a.id()).isEqualTo(id);
        });
    }

    @Test
    void theTimeoutFollowsTheDeviceType() throws Exception {
        harness.close();
        harness = harnessFor(OfflineSettings.defaults().withHeartbeat(DeviceType.CROWD, Duration.ofSeconds(10)));
        send(new DeviceSeen("crowd-01", DeviceType.CROWD, BEGINNING, LOCATION, false));
        send(seen(CHARGER, BEGINNING));

        harness.watermark(BEGINNING + 30 * SECOND);
        assertThat(alerts()).extracting(Alert::sourceId).containsExactly("crowd-01");
        harness.watermark(BEGINNING + TIMEOUT);
        assertThat(alerts()).extracting(Alert::sourceId).containsExactly("crowd-01", CHARGER);
    }

    /**
     * The simulator's OFFLINE fault: telemetry every 30 s and status every 90 s, then the connection drops (the Will
     * arrives), 6 minutes of silence while watermarks follow the wall clock, and the device reconnects. Known answer:
     * one raise within 5 minutes of the drop, then one clear.
     */
    @Test
    void theSimulatorsOfflineFaultRaisesOnceThenClears() throws Exception {
        long drop = BEGINNING + 20 * MINUTE;
        long back = drop + 6 * MINUTE;
        long raisedAt = -1;
        for (long t = BEGINNING; t <= back + 10 * MINUTE; t += 10 * SECOND) {
            boolean silent = t >= drop && t < back;
            if (!silent && (t - BEGINNING) % (30 * SECOND) == 0) {
                send(seen(CHARGER, t));
            }
            if (t == drop) {
                send(will(CHARGER, BEGINNING - MINUTE));
            }
            harness.watermark(t - 5 * SECOND);
            if (raisedAt < 0 && !alerts().isEmpty()) {
                raisedAt = t;
            }
        }

        List<Alert> out = alerts();
        assertThat(out).extracting(Alert::status).containsExactly(AlertStatus.RAISED, AlertStatus.CLEARED);
        assertThat(raisedAt - drop).isBetween(0L, 5 * MINUTE);
        assertThat(out.get(1).lastEventTs()).isEqualTo(back);
    }

    /**
     * A gate's forced opening sets the gate part's own timer (at the end of its quiet period) on the same device, and
     * the offline part re-arms its timer instead of moving it: none of those timers may raise the outage early, and
     * once the gate goes silent it is raised exactly at its timeout.
     */
    @Test
    void theOtherPartsTimersAndItsOwnStaleOnesRaiseNothingEarly() throws Exception {
        harness.close();
        harness = DeviceHarness.open(DetectorSettings.defaults(), AlertType.DEVICE_OFFLINE, AlertType.GATE_FORCED_OPEN);
        String gate = "gate-0001";
        assertThat(harness.gate(gateEvent(gate, "forced_open", BEGINNING))).hasSize(1);
        long last = BEGINNING + 20 * MINUTE;
        for (long t = BEGINNING + MINUTE; t <= last; t += MINUTE) {
            harness.gate(gateEvent(gate, "pass", t));
            harness.watermark(t);
        }
        assertThat(alerts()).as("the forced opening and its clear, no outage").extracting(Alert::type)
                .containsExactly(AlertType.GATE_FORCED_OPEN, AlertType.GATE_FORCED_OPEN);

        harness.watermark(last + TIMEOUT - 1);
        assertThat(alerts()).hasSize(2);
        harness.watermark(last + TIMEOUT);
        assertThat(alerts()).last().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AlertType.DEVICE_OFFLINE);
            assertThat(a.sourceId()).isEqualTo(gate);
            assertThat(a.firstEventTs()).isEqualTo(last + TIMEOUT);
        });
        harness.watermark(last + 24 * 60 * MINUTE);
        assertThat(alerts()).as("no timer left that raises anything again").hasSize(3);
    }

    private static GateEvent gateEvent(String gate, String kind, long ts) {
        return new GateEvent(gate, ts, LOCATION, kind, "in", "card", "resident", null);
    }

    private DeviceHarness restored(OperatorSubtaskState snapshot) throws Exception {
        return DeviceHarness.restored(DetectorSettings.defaults(), snapshot, AlertType.DEVICE_OFFLINE);
    }
}
