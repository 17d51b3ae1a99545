package io.anju.jobs.detect.crowd;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static io.anju.jobs.detect.crowd.CrowdFixtures.settingsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CrowdSettingsTest {
    @Test
    void defaultsAreTheDomainFigures() {
        CrowdSettings s = CrowdSettings.defaults();
        assertThat(new double[] {s.blueDensity(), s.yellowDensity(), s.orangeDensity(), s.redDensity()})
                .containsExactly(1.0, 2.0, 3.5, 5.0);
        assertThat(s.blueCapacityShare()).isEqualTo(0.6);
        assertThat(s.yellowCapacityShare()).isEqualTo(0.8);
        assertThat(s.clearRatio()).isEqualTo(0.8);
        assertThat(s.minDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.clearAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.trendWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.trendMinSpan()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.forecastHorizon()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.flowMismatchRatio()).isEqualTo(0.2);
    }

    @Test
    void inflowLimitFillsTheZoneInTenMinutesUnlessSet() {
        assertThat(CrowdSettings.defaults().inflowLimitPerMin(2000)).isEqualTo(200);
        assertThat(settingsWith("inflowLimitPerMin", 150.0).inflowLimitPerMin(2000)).isEqualTo(150);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "blueDensity, 0.0, detect.crowd.blueDensity must be > 0",
            "yellowDensity, 1.0, detect.crowd.yellowDensity must be > blueDensity",
            "redDensity, 3.5, detect.crowd.redDensity must be > orangeDensity",
            "yellowCapacityShare, 0.5, detect.crowd.yellowCapacityShare must be > blueCapacityShare",
            "blueCapacityShare, -0.1, detect.crowd.blueCapacityShare must be >= 0",
            "clearRatio, 1.0, detect.crowd.clearRatio must be between 0 and 1",
            "flowMismatchRatio, 0.0, detect.crowd.flowMismatchRatio must be between 0 and 1",
            "forecastMinRiseShare, -1.0, detect.crowd.forecastMinRiseShare must be >= 0",
            "inflowLimitPerMin, -5.0, detect.crowd.inflowLimitPerMin must be >= 0",
            "inflowClearRatio, 0.0, detect.crowd.inflowClearRatio must be between 0 and 1"})
    void invalidFiguresAreRejectedByName(String name, double value, String message) {
        assertThatThrownBy(() -> settingsWith(name, value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message).hasMessageContaining("was " + value);
    }

    @Test
    void invalidDurationsAndCountsAreRejectedByName() {
        assertThatThrownBy(() -> settingsWith("minDuration", Duration.ZERO))
                .hasMessageStartingWith("detect.crowd.minDuration must be a positive duration");
        assertThatThrownBy(() -> settingsWith("clearAfter", Duration.ofSeconds(-1)))
                .hasMessageStartingWith("detect.crowd.clearAfter must be a positive duration");
        assertThatThrownBy(() -> settingsWith("trendMinSpan", Duration.ofMinutes(11)))
                .hasMessageStartingWith("detect.crowd.trendMinSpan must be <= trendWindow");
        assertThatThrownBy(() -> settingsWith("flowMismatchReadings", 0))
                .hasMessageStartingWith("detect.crowd.flowMismatchReadings must be >= 1");
        assertThatThrownBy(() -> settingsWith("forecastHoldReadings", 0))
                .hasMessageStartingWith("detect.crowd.forecastHoldReadings must be >= 1");
    }

    @Test
    void orangeMayHaveACapacityShareAboveYellows() {
        assertThat(settingsWith("orangeCapacityShare", 1.5).orangeCapacityShare()).isEqualTo(1.5);
        assertThatThrownBy(() -> settingsWith("orangeCapacityShare", 0.7))
                .hasMessageStartingWith("detect.crowd.orangeCapacityShare must be > yellowCapacityShare");
    }
}
