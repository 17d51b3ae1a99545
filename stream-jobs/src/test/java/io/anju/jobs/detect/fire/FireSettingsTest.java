package io.anju.jobs.detect.fire;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FireSettingsTest {
    private static final FireRiskSettings D = FireRiskSettings.defaults();

    @Test
    void defaultsAreTheDocumentedFigures() {
        assertThat(D.riseRate()).isEqualTo(2.0);
        assertThat(D.riseWindow()).isEqualTo(Duration.ofMinutes(3));
        assertThat(D.overTempC()).isEqualTo(65.0);
        assertThat(D.leakageMa()).isEqualTo(30.0);
        assertThat(D.clearAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(D.cameraConfirmWindow()).isEqualTo(Duration.ofSeconds(30));
        assertThat(ElevatorSettings.defaults().confirmWindow()).isEqualTo(Duration.ofSeconds(5));
        assertThat(ElevatorSettings.defaults().clearAfter()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void invalidSettingsAreRejectedByName() {
        assertThatThrownBy(() -> new FireRiskSettings(0, D.riseWindow(), D.riseFloorC(), D.minRateRatio(),
                D.yellowC(), D.overTempC(), D.clearBelowC(), D.leakageMa(), D.clearAfter(), D.reportingGap(),
                D.cameraConfirmWindow()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("detect.fireRisk.riseRate");
        assertThatThrownBy(() -> new FireRiskSettings(D.riseRate(), D.riseWindow(), D.riseFloorC(), 1.5,
                D.yellowC(), D.overTempC(), D.clearBelowC(), D.leakageMa(), D.clearAfter(), D.reportingGap(),
                D.cameraConfirmWindow()))
                .hasMessageContaining("detect.fireRisk.minRateRatio");
        assertThatThrownBy(() -> new FireRiskSettings(D.riseRate(), D.riseWindow(), D.riseFloorC(), D.minRateRatio(),
                70, D.overTempC(), D.clearBelowC(), D.leakageMa(), D.clearAfter(), D.reportingGap(),
                D.cameraConfirmWindow()))
                .hasMessageContaining("detect.fireRisk.overTempC must be > yellowC (was 65.0)");
        assertThatThrownBy(() -> new FireRiskSettings(D.riseRate(), D.riseWindow(), D.riseFloorC(), D.minRateRatio(),
                D.yellowC(), D.overTempC(), 66, D.leakageMa(), D.clearAfter(), D.reportingGap(),
                D.cameraConfirmWindow()))
                .hasMessageContaining("detect.fireRisk.clearBelowC");
        assertThatThrownBy(() -> new FireRiskSettings(D.riseRate(), Duration.ZERO, D.riseFloorC(), D.minRateRatio(),
                D.yellowC(), D.overTempC(), D.clearBelowC(), D.leakageMa(), D.clearAfter(), D.reportingGap(),
                D.cameraConfirmWindow()))
                .hasMessageContaining("detect.fireRisk.riseWindow");
        assertThatThrownBy(() -> new ElevatorSettings(Duration.ofSeconds(-1), Duration.ofMinutes(10)))
                .hasMessageContaining("detect.ebikeElevator.confirmWindow");
    }
}
