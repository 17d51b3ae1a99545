package io.anju.jobs.e2e;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.alert.SourceKind;
import io.anju.common.model.LocationChain;
import io.anju.sim.truth.ExpectedWarning;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The scorer must be able to fail: misses, duplicates, wrong severity, late raises and false alarms all count. */
class DetectionScoreTest {
    private static final long T0 = 1_800_000_000_000L;
    private static final long MIN = 60_000;
    private static final LocationChain CP = new LocationChain("sd", "c", "g", "cp-1", null);

    private static final DetectionScore.Fault OVERLOAD = new DetectionScore.Fault("port_overload", "chg-1", "cp-1",
            null, 3, T0, T0 + 6 * MIN, AlertType.PORT_OVERLOAD, Severity.RED, 2 * MIN);

    private static Alert rev(String id, int revision, AlertStatus status, Severity s, String device, Integer port,
                             long firstTs, long lastTs) {
        SourceKind kind = port == null ? SourceKind.DEVICE : SourceKind.PORT;
        String source = port == null ? device : device + "#" + port;
        return new Alert(id, "port_overload:" + source, AlertType.PORT_OVERLOAD, s, status, revision, kind, source,
                device, port, CP, firstTs, lastTs, 0, "", "stop_port", List.of());
    }

    @Test
    void oneEpisode_reachingTheSeverity_inTime_isADetection() {
        DetectionScore score = new DetectionScore(List.of(OVERLOAD), List.of(
                rev("a", 1, AlertStatus.RAISED, Severity.ORANGE, "chg-1", 3, T0 + 30_000, T0 + 30_000),
                rev("a", 2, AlertStatus.UPDATED, Severity.RED, "chg-1", 3, T0 + 30_000, T0 + 60_000),
                rev("a", 3, AlertStatus.CLEARED, Severity.RED, "chg-1", 3, T0 + 30_000, T0 + 7 * MIN)));
        assertThat(score.recall()).isEqualTo(1.0);
        assertThat(score.precision()).isEqualTo(1.0);
        assertThat(score.table()).contains("port_overload", "100%");
    }

    @Test
    void twoEpisodes_forOneFault_isAMiss() {
        DetectionScore score = new DetectionScore(List.of(OVERLOAD), List.of(
                rev("a", 1, AlertStatus.RAISED, Severity.RED, "chg-1", 3, T0 + 30_000, T0 + 30_000),
                rev("a", 2, AlertStatus.CLEARED, Severity.RED, "chg-1", 3, T0 + 30_000, T0 + 60_000),
                rev("b", 1, AlertStatus.RAISED, Severity.RED, "chg-1", 3, T0 + 90_000, T0 + 90_000)));
        assertThat(score.recall()).isZero();
        assertThat(score.results().get(0).why()).isEqualTo("2 episodes");
    }

    @Test
    void wrongSeverity_lateRaise_wrongPort_andMissingRevision_areMisses() {
        assertThat(new DetectionScore(List.of(OVERLOAD), List.of(
                rev("a", 1, AlertStatus.RAISED, Severity.ORANGE, "chg-1", 3, T0 + 30_000, T0 + 30_000))).recall())
                .isZero();
        assertThat(new DetectionScore(List.of(OVERLOAD), List.of(
                rev("a", 1, AlertStatus.RAISED, Severity.RED, "chg-1", 3, T0 + 3 * MIN, T0 + 3 * MIN))).recall())
                .isZero();
        assertThat(new DetectionScore(List.of(OVERLOAD), List.of(
                rev("a", 1, AlertStatus.RAISED, Severity.RED, "chg-1", 4, T0 + 30_000, T0 + 30_000))).recall())
                .isZero();
        assertThat(new DetectionScore(List.of(OVERLOAD), List.of(
                rev("a", 1, AlertStatus.RAISED, Severity.ORANGE, "chg-1", 3, T0 + 30_000, T0 + 30_000),
                rev("a", 3, AlertStatus.UPDATED, Severity.RED, "chg-1", 3, T0 + 30_000, T0 + 60_000))).recall())
                .isZero();
    }

    @Test
    void anAlertWithoutAFault_lowersPrecision() {
        List<Alert> alerts = new ArrayList<>(List.of(
                rev("a", 1, AlertStatus.RAISED, Severity.RED, "chg-1", 3, T0 + 30_000, T0 + 30_000),
                rev("z", 1, AlertStatus.RAISED, Severity.RED, "chg-9", 1, T0 + 30_000, T0 + 30_000),
                rev("y", 1, AlertStatus.RAISED, Severity.RED, "chg-1", 3, T0 + 60 * MIN, T0 + 60 * MIN)));
        DetectionScore score = new DetectionScore(List.of(OVERLOAD), alerts);
        assertThat(score.recall()).isEqualTo(1.0);
        assertThat(score.precision()).isEqualTo(1.0 / 3);
        assertThat(score.unexplained()).extracting(Episode::id).containsExactlyInAnyOrder("z", "y");
    }

    private static final LocationChain Z3 = new LocationChain("sd", "c", "g", null, "z-3");
    private static final ExpectedWarning BLUE_Z3 = new ExpectedWarning(AlertType.CROWD_DENSITY, "z-3", "z-3",
            Severity.BLUE, T0, T0 + 60 * MIN);
    private static final DetectionScore.Fault SURGE_Z3 = new DetectionScore.Fault("crowd_surge", "crowd-3", null,
            "z-3", null, T0 + 30 * MIN, T0 + 60 * MIN, AlertType.CROWD_DENSITY, Severity.ORANGE, 20 * MIN);

    private static Alert zone(String id, AlertType type, String zoneId, int revision, AlertStatus status, Severity s,
                              long firstTs, long lastTs) {
        return new Alert(id, type.wireName() + ":" + zoneId, type, s, status, revision, SourceKind.ZONE, zoneId,
                "crowd-3", null, Z3, firstTs, lastTs, 0, "", "monitor", List.of());
    }

    private static Alert blueRaise(String id, String zoneId, long firstTs) {
        return zone(id, AlertType.CROWD_DENSITY, zoneId, 1, AlertStatus.RAISED, Severity.BLUE, firstTs, firstTs);
    }

    @Test
    void anExpectedWarning_isNotAFalseAlarm_andIsReported() {
        List<Alert> alerts = List.of(
                rev("a", 1, AlertStatus.RAISED, Severity.RED, "chg-1", 3, T0 + 30_000, T0 + 30_000),
                blueRaise("b", "z-3", T0 + 10 * MIN));
        DetectionScore withTruth = new DetectionScore(new DetectionScore.Truth(List.of(OVERLOAD), List.of(BLUE_Z3)),
                alerts);
        assertThat(withTruth.recall()).isEqualTo(1.0);
        assertThat(withTruth.precision()).isEqualTo(1.0);
        assertThat(withTruth.expectedRaised()).extracting(Episode::id).containsExactly("b");
        assertThat(withTruth.table()).contains("expected warnings: 1 named, 1 raised by 1 episodes");
        // Without the expected warning the same blue zone is a false alarm.
        assertThat(new DetectionScore(List.of(OVERLOAD), alerts).precision()).isEqualTo(0.5);
    }

    @Test
    void aWarningAboveTheExpectedSeverity_outsideItsInterval_ofAnotherType_orElsewhere_isFalse() {
        DetectionScore.Truth truth = new DetectionScore.Truth(List.of(), List.of(BLUE_Z3));
        List<Alert> alerts = List.of(
                zone("yellow", AlertType.CROWD_DENSITY, "z-3", 1, AlertStatus.RAISED, Severity.YELLOW, T0 + MIN,
                        T0 + MIN),
                blueRaise("late", "z-3", T0 + 61 * MIN + 1),
                blueRaise("justInTolerance", "z-3", T0 + 61 * MIN),
                blueRaise("early", "z-3", T0 - MIN - 1),
                blueRaise("elsewhere", "z-4", T0 + 10 * MIN),
                zone("forecast", AlertType.CROWD_FORECAST, "z-3", 1, AlertStatus.RAISED, Severity.BLUE, T0 + MIN,
                        T0 + MIN));
        DetectionScore score = new DetectionScore(truth, alerts);
        assertThat(score.unexplained()).extracting(Episode::id)
                .containsExactlyInAnyOrder("yellow", "late", "early", "elsewhere", "forecast");
        assertThat(score.expectedRaised()).extracting(Episode::id).containsExactly("justInTolerance");
    }

    @Test
    void aSurgeIntoAZoneAlreadyBlue_isDetectedByTheRise_withinItsBound() {
        DetectionScore.Truth truth = new DetectionScore.Truth(List.of(SURGE_Z3), List.of(BLUE_Z3));
        DetectionScore rose = new DetectionScore(truth, List.of(
                blueRaise("b", "z-3", T0 + 5 * MIN),
                zone("b", AlertType.CROWD_DENSITY, "z-3", 2, AlertStatus.UPDATED, Severity.ORANGE, T0 + 5 * MIN,
                        T0 + 38 * MIN),
                zone("b", AlertType.CROWD_DENSITY, "z-3", 3, AlertStatus.CLEARED, Severity.ORANGE, T0 + 5 * MIN,
                        T0 + 75 * MIN)));
        assertThat(rose.recall()).isEqualTo(1.0);
        assertThat(rose.results().get(0).latencyMs()).isEqualTo(8 * MIN);
        assertThat(rose.precision()).isEqualTo(1.0);

        DetectionScore late = new DetectionScore(truth, List.of(
                blueRaise("b", "z-3", T0 + 5 * MIN),
                zone("b", AlertType.CROWD_DENSITY, "z-3", 2, AlertStatus.UPDATED, Severity.ORANGE, T0 + 5 * MIN,
                        T0 + 55 * MIN)));
        assertThat(late.recall()).isZero();
        assertThat(late.results().get(0).why()).isEqualTo("raised after 1500 s, bound 1200 s");

        DetectionScore stayedBlue = new DetectionScore(truth, List.of(blueRaise("b", "z-3", T0 + 5 * MIN)));
        assertThat(stayedBlue.recall()).isZero();
        assertThat(stayedBlue.results().get(0).why()).isEqualTo("open before the fault and did not rise");

        // Cleared before the surge: the blue episode is the holiday's, and the surge raised nothing.
        DetectionScore cleared = new DetectionScore(truth, List.of(
                blueRaise("b", "z-3", T0 + 5 * MIN),
                zone("b", AlertType.CROWD_DENSITY, "z-3", 2, AlertStatus.CLEARED, Severity.BLUE, T0 + 5 * MIN,
                        T0 + 20 * MIN)));
        assertThat(cleared.results().get(0).why()).isEqualTo("no alert");
        assertThat(cleared.precision()).isEqualTo(1.0);
    }

    private static DetectionScore.Fault runaway(String device, String compound) {
        return new DetectionScore.Fault("thermal_runaway", device, compound, null, 1, T0, T0 + 30 * MIN,
                AlertType.FIRE_RISK, Severity.RED, 15 * MIN);
    }

    private static Alert massCutoffHeld(String id, LocationChain where) {
        return new Alert(id, "mass_cutoff_held:" + where.compoundId(), AlertType.MASS_CUTOFF_HELD, Severity.RED,
                AlertStatus.RAISED, 1, SourceKind.COMPOUND, where.compoundId(), null, null, where, T0 + 10 * MIN,
                T0 + 10 * MIN, 0, "", "confirm_stops", List.of());
    }

    @Test
    void aMassCutoffHeld_isExplainedOnlyByTwoOrMoreFaultsThatStopPortsAtItsCompound() {
        LocationChain cp2 = new LocationChain("sd", "c", "g", "cp-2", null);
        List<Alert> held = List.of(massCutoffHeld("m1", CP), massCutoffHeld("m2", cp2));
        DetectionScore two = new DetectionScore(List.of(runaway("chg-1", "cp-1"), runaway("chg-2", "cp-1"),
                runaway("chg-3", "cp-2")), held);
        assertThat(two.unexplained()).as("one fault at cp-2 cannot pass a cap").extracting(Episode::id)
                .containsExactly("m2");
        DetectionScore noStops = new DetectionScore(List.of(OVERLOAD, new DetectionScore.Fault("leakage", "chg-2",
                "cp-1", null, null, T0, T0 + 30 * MIN, AlertType.LEAKAGE_FAULT, Severity.ORANGE, 2 * MIN)), held);
        assertThat(noStops.unexplained()).as("a leakage fault stops no port").extracting(Episode::id)
                .containsExactlyInAnyOrder("m1", "m2");
    }
}
