package io.anju.jobs.detect.charger;

import io.anju.jobs.config.JobsConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChargerSettingsTest {

    @Test
    void defaultsAreTheFiguresOfTheDomain() {
        assertThat(PortOverloadSettings.defaults())
                .isEqualTo(new PortOverloadSettings(Duration.ofSeconds(5), Duration.ofSeconds(30), 1.2));
        assertThat(StationOverloadSettings.defaults().clearRatio()).isEqualTo(0.95);
        assertThat(IllegalLoadSettings.defaults())
                .isEqualTo(new IllegalLoadSettings(800, Duration.ofMinutes(20), 0.10));
    }

    @Test
    void portOverloadSettingsNameTheBadSetting() {
        assertThatThrownBy(() -> of("detect.portOverload.orangeAfter", "-1s"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("detect.portOverload.orangeAfter");
        assertThatThrownBy(() -> of("detect.portOverload.redAfter", "5s"))
                .hasMessage("setting detect.portOverload.redAfter = '5s': must be above detect.portOverload.orangeAfter (5s)");
        assertThatThrownBy(() -> of("detect.portOverload.redFactor", "1.0"))
                .hasMessageContaining("detect.portOverload.redFactor (ANJU_JOBS_DETECT_PORT_OVERLOAD_RED_FACTOR) = '1.0'");
        assertThat(of("detect.portOverload.redAfter", "1m").settings().detectors().portOverload().redAfter())
                .isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void stationOverloadSettingsNameTheBadSetting() {
        assertThatThrownBy(() -> of("detect.stationOverload.clearRatio", "1.01"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("detect.stationOverload.clearRatio").hasMessageContaining("'1.01'");
        assertThatThrownBy(() -> of("detect.stationOverload.clearRatio", "0")).hasMessageContaining("clearRatio");
        assertThatThrownBy(() -> of("detect.stationOverload.clearRatio", "NaN")).hasMessageContaining("clearRatio");
        assertThat(of("detect.stationOverload.clearRatio", "1").settings().detectors().stationOverload().clearRatio())
                .as("no hysteresis is allowed").isEqualTo(1);
    }

    @Test
    void illegalLoadSettingsNameTheBadSetting() {
        assertThatThrownBy(() -> of("detect.illegalLoad.minPowerW", "0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("detect.illegalLoad.minPowerW");
        assertThatThrownBy(() -> of("detect.illegalLoad.minDuration", "0s"))
                .hasMessageContaining("detect.illegalLoad.minDuration");
        assertThatThrownBy(() -> of("detect.illegalLoad.flatTolerance", "1"))
                .hasMessageContaining("detect.illegalLoad.flatTolerance");
    }

    private static JobsConfig of(String key, String value) {
        return JobsConfig.of(Map.of(key, value));
    }
}
