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
            "blueDensity, 0.0, must be positive",
            "blueDensity, Infinity, must be positive",
            "yellowDensity, 1.0, must be above blueDensity (1.0)",
            "redDensity, 3.5, must be above orangeDensity (3.5)",
            "yellowCapacityShare, 0.5, must be above blueCapacityShare (0.6)",
            "blueCapacityShare, -0.1, must be at least 0 (0 = no capacity criterion)",
            "clearRatio, 1.0, must be between 0 and 1 (exclusive)",
            "flowMismatchRatio, 0.0, must be between 0 and 1 (exclusive)",
            "forecastMinRiseShare, -1.0, must be at least 0",
            "inflowLimitPerMin, -5.0, must be at least 0 (0 = derive from the zone)",
            "inflowClearRatio, 0.0, must be between 0 and 1 (exclusive)"})
    void invalidFiguresAreRejectedByName(String name, double value, String rule) {
        assertThatThrownBy(() -> settingsWith(name, value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting detect.crowd." + name + " = '" + value + "': " + rule);
    }

    @Test
    void invalidDurationsAndCountsAreRejectedByName() {
        assertThatThrownBy(() -> settingsWith("minDuration", Duration.ZERO))
                .hasMessage("setting detect.crowd.minDuration = '0s': must be positive");
        assertThatThrownBy(() -> settingsWith("clearAfter", Duration.ofSeconds(-1)))
                .hasMessage("setting detect.crowd.clearAfter = '-1s': must be positive");
        assertThatThrownBy(() -> settingsWith("trendMinSpan", Duration.ofMinutes(11)))
                .hasMessage("setting detect.crowd.trendMinSpan = '11m': must not exceed trendWindow (10m)");
        assertThatThrownBy(() -> settingsWith("flowMismatchReadings", 0))
                .hasMessage("setting detect.crowd.flowMismatchReadings = '0': must be at least 1");
        assertThatThrownBy(() -> settingsWith("forecastHoldReadings", 0))
                .hasMessage("setting detect.crowd.forecastHoldReadings = '0': must be at least 1");
    }

    @Test
    void orangeMayHaveACapacityShareAboveYellows() {
        assertThat(settingsWith("orangeCapacityShare", 1.5).orangeCapacityShare()).isEqualTo(1.5);
        assertThatThrownBy(() -> settingsWith("orangeCapacityShare", 0.7))
                .hasMessage("setting detect.crowd.orangeCapacityShare = '0.7': must be above yellowCapacityShare (0.8)");
    }
}
