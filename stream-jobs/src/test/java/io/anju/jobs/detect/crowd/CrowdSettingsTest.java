package io.anju.jobs.detect.crowd;

import io.anju.jobs.config.JobsConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;

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
            "yellowDensity, 1.0, must be above detect.crowd.blueDensity (1.0)",
            "redDensity, 3.5, must be above detect.crowd.orangeDensity (3.5)",
            "yellowCapacityShare, 0.5, must be above detect.crowd.blueCapacityShare (0.6)",
            "trendMinSpan, 11m, must not exceed detect.crowd.trendWindow (10m)"})
    void figuresOutOfOrderAreRejectedByName(String name, String value, String rule) {
        assertThatThrownBy(() -> crowd(name, value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting detect.crowd." + name + " = '" + value + "': " + rule);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "blueDensity, 0", "blueDensity, Infinity", "blueCapacityShare, -0.1", "clearRatio, 1.0",
            "flowMismatchRatio, 0.0", "forecastMinRiseShare, -1.0", "inflowLimitPerMin, -5.0",
            "inflowClearRatio, 0.0", "minDuration, 0s", "clearAfter, -1s", "flowMismatchReadings, 0",
            "forecastHoldReadings, 0"})
    void figuresOutOfBoundsAreRejectedByNameAndVariable(String name, String value) {
        assertThatThrownBy(() -> crowd(name, value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("setting detect.crowd." + name + " (ANJU_JOBS_DETECT_CROWD_")
                .hasMessageContaining("must be between");
    }

    @Test
    void orangeMayHaveACapacityShareAboveYellows() {
        assertThat(crowd("orangeCapacityShare", "1.5").orangeCapacityShare()).isEqualTo(1.5);
        assertThatThrownBy(() -> crowd("orangeCapacityShare", "0.7"))
                .hasMessage("setting detect.crowd.orangeCapacityShare = '0.7': must be above "
                        + "detect.crowd.yellowCapacityShare (0.8)");
    }

    private static CrowdSettings crowd(String name, String value) {
        return JobsConfig.of(Map.of("detect.crowd." + name, value)).settings().detectors().crowd();
    }
}
