package io.anju.jobs.detect.fire;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.alert.SourceKind;
import io.anju.jobs.input.CameraDetection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The compound's own fire signs (CompoundFireDetector): camera smoke and flame, e-bike-in-elevator advisories, and the
 * {@link Escalation}s it sends the stations whenever the set of buildings with an open advisory changes.
 */
class CompoundFireTest extends FireFixtures {
    private static final String CAMERA_5 = "cam-0042-e5";
    private static final String BUILDING_5 = COMPOUND + "/bldg-5";

    private CompoundHarness h;

    @BeforeEach
    void start() throws Exception {
        h = CompoundHarness.open();
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    /** Two e-bike detections of the elevator camera of building 5, {@code firstTs} and 3 s later. */
    private static FireSignal confirmedInBuilding5(long firstTs) {
        return FireSignals.elevatorConfirmed(elevatorCamera5(firstTs), elevatorCamera5(firstTs + 3_000));
    }

    private static CameraDetection elevatorCamera5(long ts) {
        return new CameraDetection(CAMERA_5, ts, LOCATION, "ebike_in_elevator", 0.91, CAMERA_5 + "-" + ts,
                "elevator", "bldg-5");
    }

    @Test
    void anElevatorConfirmationIsTheBuildingsYellowAdvisory() throws Exception {
        assertThat(FireSignals.fromCamera(detection(CAMERA, seconds(180), "ebike_in_elevator")))
                .as("a single detection is no signal").isEmpty();

        assertThat(h.signal(confirmed(seconds(180), seconds(183)))).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AlertType.EBIKE_IN_ELEVATOR);
            assertThat(a.status()).isEqualTo(AlertStatus.RAISED);
            assertThat(a.severity()).isEqualTo(Severity.YELLOW);
            assertThat(a.sourceKind()).isEqualTo(SourceKind.BUILDING);
            assertThat(a.sourceId()).isEqualTo(BUILDING);
            assertThat(a.recommendedAction()).isEqualTo("dispatch_property_manager");
            assertThat(a.evidence()).extracting(e -> e.snapshotId())
                    .containsExactly(CAMERA + "-" + seconds(180), CAMERA + "-" + seconds(183));
        });
    }

    @Test
    void anAdvisoryBeginsTheEscalationAndItsClearEndsIt() throws Exception {
        h.signal(confirmed(seconds(0), seconds(3)));
        assertThat(h.newEscalations()).containsExactly(new Escalation(COMPOUND, seconds(3), BUILDING));
        h.signal(confirmed(seconds(60), seconds(63)));
        assertThat(h.newEscalations()).as("the same building again: nothing changed").isEmpty();

        h.watermark(seconds(63) + 599_999);
        assertThat(h.all()).extracting(Alert::type, Alert::status)
                .containsExactly(tuple(AlertType.EBIKE_IN_ELEVATOR, AlertStatus.RAISED));
        assertThat(h.newEscalations()).isEmpty();

        h.watermark(seconds(63) + 600_000);
        assertThat(h.all()).hasSize(2);
        assertThat(h.all().get(1).status()).isEqualTo(AlertStatus.CLEARED);
        assertThat(h.newEscalations()).singleElement().satisfies(e -> {
            assertThat(e).isEqualTo(new Escalation(COMPOUND, seconds(63) + 600_000, ""));
            assertThat(e.active()).isFalse();
            assertThat(e.reason()).isNull();
        });
    }

    @Test
    void theEscalationNamesEveryBuildingWithAnOpenAdvisoryAsTheyOpenAndClear() throws Exception {
        h.signal(confirmed(seconds(0), seconds(3)));
        h.signal(confirmedInBuilding5(seconds(117)));

        assertThat(h.newEscalations()).extracting(Escalation::ts, Escalation::reason).containsExactly(
                tuple(seconds(3), "raised one level: e-bike in the elevator of " + BUILDING),
                tuple(seconds(120), "raised one level: e-bike in the elevator of " + BUILDING + ", " + BUILDING_5));

        h.watermark(seconds(3) + 600_000);
        assertThat(h.newEscalations()).containsExactly(new Escalation(COMPOUND, seconds(3) + 600_000, BUILDING_5));
        h.watermark(seconds(120) + 600_000);
        assertThat(h.newEscalations()).containsExactly(new Escalation(COMPOUND, seconds(120) + 600_000, ""));
        assertThat(h.keyedStateEntries()).as("nothing left open").isZero();
    }

    @Test
    void aLateConfirmationOfAnOpenAdvisoryChangesNothing() throws Exception {
        h.signal(confirmed(seconds(60), seconds(63)));
        h.newEscalations();

        assertThat(h.signal(confirmed(seconds(0), seconds(3)))).isEmpty();
        assertThat(h.newEscalations()).isEmpty();
        h.watermark(seconds(3) + 600_000);
        assertThat(h.all()).as("the advisory is counted from its newest confirmation").hasSize(1);
        assertThat(h.newEscalations()).isEmpty();
    }

    @Test
    void cameraSmokeCountsOnlyWhenTheSameCameraConfirmsItWithin30s() throws Exception {
        h.camera(detection("cam-shed", seconds(0), "smoke"));
        h.camera(detection("cam-other", seconds(10), "smoke"));
        h.camera(detection("cam-shed", seconds(31), "flame"));
        assertThat(h.all()).isEmpty();

        List<Alert> out = h.camera(detection("cam-shed", seconds(61), "flame"));
        assertThat(out).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AlertType.FIRE_RISK);
            assertThat(a.sourceKind()).isEqualTo(SourceKind.BUILDING);
            assertThat(a.severity()).isEqualTo(Severity.ORANGE);
        });
        h.watermark(seconds(61) + 600_000);
        assertThat(h.all()).hasSize(2);
        assertThat(h.keyedStateEntries()).isZero();
        assertThat(h.newEscalations()).as("only elevator advisories escalate").isEmpty();
    }
}
