package io.anju.jobs.detect.charger;

import org.junit.jupiter.api.Test;

import java.time.Duration;

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
        assertThatThrownBy(() -> new PortOverloadSettings(Duration.ofSeconds(-1), Duration.ofSeconds(30), 1.2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("detect.portOverload.orangeAfter");
        assertThatThrownBy(() -> new PortOverloadSettings(Duration.ofSeconds(30), Duration.ofSeconds(30), 1.2))
                .hasMessageContaining("detect.portOverload.redAfter must be > orangeAfter (was PT30S");
        assertThatThrownBy(() -> new PortOverloadSettings(Duration.ofSeconds(5), Duration.ofSeconds(30), 1.0))
                .hasMessageContaining("detect.portOverload.redFactor must be > 1 (was 1.0)");
        assertThatThrownBy(() -> new PortOverloadSettings(Duration.ofSeconds(5), null, 1.2))
                .hasMessageContaining("detect.portOverload.redAfter");
    }

    @Test
    void stationOverloadSettingsNameTheBadSetting() {
        assertThatThrownBy(() -> new StationOverloadSettings(1.01))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("detect.stationOverload.clearRatio must be in (0, 1] (was 1.01)");
        assertThatThrownBy(() -> new StationOverloadSettings(0)).hasMessageContaining("clearRatio");
        assertThatThrownBy(() -> new StationOverloadSettings(Double.NaN)).hasMessageContaining("clearRatio");
        assertThat(new StationOverloadSettings(1).clearRatio()).as("no hysteresis is allowed").isEqualTo(1);
    }

    @Test
    void illegalLoadSettingsNameTheBadSetting() {
        assertThatThrownBy(() -> new IllegalLoadSettings(0, Duration.ofMinutes(20), 0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("detect.illegalLoad.minPowerW must be > 0 (was 0.0)");
        assertThatThrownBy(() -> new IllegalLoadSettings(800, Duration.ZERO, 0.1))
                .hasMessageContaining("detect.illegalLoad.minDuration must be > 0 (was PT0S)");
        assertThatThrownBy(() -> new IllegalLoadSettings(800, Duration.ofMinutes(20), 1))
                .hasMessageContaining("detect.illegalLoad.flatTolerance must be in (0, 1) (was 1.0)");
    }
}
