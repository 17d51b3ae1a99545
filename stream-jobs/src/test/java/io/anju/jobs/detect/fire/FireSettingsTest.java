package io.anju.jobs.detect.fire;

import io.anju.jobs.config.JobsConfig;
import io.anju.jobs.detect.DetectorSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

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
    void everyThreshold_isASetting() {
        DetectorSettings d = JobsConfig.of(Map.of("detect.fireRisk.riseRate", "3.5",
                "detect.fireRisk.leakageMa", "20", "detect.ebikeElevator.confirmWindow", "8s")).settings().detectors();
        assertThat(d.fireRisk().riseRate()).isEqualTo(3.5);
        assertThat(d.fireRisk().leakageMa()).isEqualTo(20);
        assertThat(d.elevator().confirmWindow()).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void invalidSettingsAreRejectedByName() {
        assertThatThrownBy(() -> of("detect.fireRisk.riseRate", "0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting detect.fireRisk.riseRate (ANJU_JOBS_DETECT_FIRE_RISK_RISE_RATE) = '0.0': must be between 0.1 and 100.0");
        assertThatThrownBy(() -> of("detect.fireRisk.minRateRatio", "1.5"))
                .hasMessageContaining("detect.fireRisk.minRateRatio");
        assertThatThrownBy(() -> of("detect.fireRisk.yellowC", "70"))
                .hasMessage("setting detect.fireRisk.yellowC = '70.0': must be below detect.fireRisk.overTempC (65.0)");
        assertThatThrownBy(() -> of("detect.fireRisk.clearBelowC", "66"))
                .hasMessage("setting detect.fireRisk.clearBelowC = '66.0': must be at most detect.fireRisk.overTempC (65.0)");
        assertThatThrownBy(() -> of("detect.fireRisk.riseWindow", "0s"))
                .hasMessageContaining("detect.fireRisk.riseWindow");
        assertThatThrownBy(() -> of("detect.ebikeElevator.confirmWindow", "-1s"))
                .hasMessageContaining("detect.ebikeElevator.confirmWindow");
    }

    private static JobsConfig of(String key, String value) {
        return JobsConfig.of(Map.of(key, value));
    }
}
