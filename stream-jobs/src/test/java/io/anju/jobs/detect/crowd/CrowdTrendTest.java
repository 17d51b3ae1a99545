package io.anju.jobs.detect.crowd;

import io.anju.common.alert.Severity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

import static io.anju.jobs.detect.crowd.CrowdFixtures.STREET;
import static io.anju.jobs.detect.crowd.CrowdFixtures.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CrowdTrendTest {
    private final CrowdSettings settings = CrowdSettings.defaults();
    private final CrowdLevels levels = new CrowdLevels(settings);

    /** Readings 0..n-1, every 10 s. */
    private static List<CrowdSample> samples(int n, IntUnaryOperator countAt) {
        List<CrowdSample> list = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            list.add(new CrowdSample(step(k), countAt.applyAsInt(k)));
        }
        return list;
    }

    @Test
    void steadyRiseReachesYellowInSixMinutes() {
        // +10 people per 10 s = +60/min; the newest reading is at 1,240: yellow (1,600) in 360 / 60 = 6 min.
        List<CrowdSample> window = samples(61, k -> 640 + 10 * k);
        CrowdForecast f = CrowdTrend.forecast(window, Severity.BLUE, STREET, levels, settings).orElseThrow();
        assertThat(f.nextLevel()).isEqualTo(Severity.YELLOW);
        assertThat(f.slopePerMin()).isCloseTo(60, within(1e-9));
        assertThat(f.minutes()).isCloseTo(6, within(1e-9));
        assertThat(f.thresholdPersons()).isEqualTo(1600);
        assertThat(CrowdTrend.minutesToNextLevel(window, Severity.BLUE, STREET, levels, settings).getAsDouble())
                .isCloseTo(6, within(1e-9));
    }

    @Test
    void belowBlueTheForecastIsAboutBlue() {
        List<CrowdSample> window = samples(31, k -> 500 + 10 * k);
        CrowdForecast f = CrowdTrend.forecast(window, null, STREET, levels, settings).orElseThrow();
        assertThat(f.nextLevel()).isEqualTo(Severity.BLUE);
        assertThat(f.minutes()).isCloseTo((1000 - 800) / 60.0, within(1e-9));
    }

    @Test
    void theSlopeComesFromTheWholeWindowTheDistanceFromTheNewestCount() {
        List<CrowdSample> window = samples(61, k -> 640 + 10 * k);
        window.set(60, new CrowdSample(step(60), 1500));
        CrowdForecast f = CrowdTrend.forecast(window, Severity.BLUE, STREET, levels, settings).orElseThrow();
        assertThat(f.slopePerMin()).as("one jump of 260 barely moves the slope").isBetween(60.0, 66.0);
        assertThat(f.occupancy()).isEqualTo(1500);
        assertThat(f.minutes()).isCloseTo(100 / f.slopePerMin(), within(1e-9));
    }

    @Test
    void flatOrFallingHasNoForecast() {
        assertThat(CrowdTrend.forecast(samples(61, k -> 1200), Severity.BLUE, STREET, levels, settings)).isEmpty();
        assertThat(CrowdTrend.forecast(samples(61, k -> 1500 - 5 * k), Severity.BLUE, STREET, levels, settings))
                .isEmpty();
        assertThat(CrowdTrend.minutesToNextLevel(samples(61, k -> 1200), Severity.BLUE, STREET, levels, settings))
                .isEmpty();
    }

    @Test
    void needsFiveMinutesOfHistory() {
        assertThat(CrowdTrend.forecast(samples(30, k -> 900 + 10 * k), Severity.BLUE, STREET, levels, settings))
                .as("29 intervals = 4 min 50 s").isEmpty();
        assertThat(CrowdTrend.forecast(samples(31, k -> 900 + 10 * k), Severity.BLUE, STREET, levels, settings))
                .as("30 intervals = 5 min").isPresent();
    }

    @Test
    void nothingAboveRed() {
        assertThat(CrowdTrend.forecast(samples(61, k -> 5000 + 10 * k), Severity.RED, STREET, levels, settings))
                .isEmpty();
    }

    @Test
    void alreadyOnTheLineMeansZeroMinutes() {
        List<CrowdSample> window = samples(61, k -> 1000 + 10 * k);
        CrowdForecast f = CrowdTrend.forecast(window, Severity.BLUE, STREET, levels, settings).orElseThrow();
        assertThat(f.minutes()).isZero();
    }
}
