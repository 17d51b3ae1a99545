package io.anju.jobs.e2e;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.alert.SourceKind;
import io.anju.common.model.LocationChain;
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
}
