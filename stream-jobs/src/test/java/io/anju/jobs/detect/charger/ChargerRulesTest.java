package io.anju.jobs.detect.charger;

import io.anju.common.alert.Severity;
import io.anju.jobs.input.ChargerLimits;
import org.junit.jupiter.api.Test;

import static io.anju.jobs.detect.charger.ChargerScenario.at;
import static io.anju.jobs.detect.charger.ChargerScenario.charging;
import static org.assertj.core.api.Assertions.assertThat;

/** The rules without Flink, at their edges. */
class ChargerRulesTest {
    private final PortOverloadRule portOverload = new PortOverloadRule(PortOverloadSettings.defaults());
    private final StationOverloadRule station = new StationOverloadRule(StationOverloadSettings.defaults());
    private final IllegalLoadRule illegal = new IllegalLoadRule(IllegalLoadSettings.defaults());

    @Test
    void portOverloadSeverityAtTheDefaultEdges() {
        assertThat(portOverload.severityOf(4_999, 1_001, 1_000)).isNull();
        assertThat(portOverload.severityOf(5_000, 1_001, 1_000)).isEqualTo(Severity.ORANGE);
        assertThat(portOverload.severityOf(29_999, 1_001, 1_000)).isEqualTo(Severity.ORANGE);
        assertThat(portOverload.severityOf(30_000, 1_001, 1_000)).isEqualTo(Severity.RED);
        assertThat(portOverload.severityOf(0, 1_199.9, 1_000)).isNull();
        assertThat(portOverload.severityOf(0, 1_200, 1_000)).isEqualTo(Severity.RED);
        assertThat(portOverload.severityOf(0, 960, 800)).as("the registry's limit, not 1,000 W")
                .isEqualTo(Severity.RED);
    }

    @Test
    void portOverloadRunStartsAboveTheLimitAndEndsAtIt() {
        assertThat(portOverload.advance(null, charging(1, 1_000), at(0), 1_000)).isNull();
        PortOverloadRun run = portOverload.advance(null, charging(1, 1_000.1), at(0), 1_000);
        run = portOverload.advance(run, charging(1, 1_010), at(7), 1_000);

        assertThat(run.startTs()).isEqualTo(at(0));
        assertThat(run.durationMs()).isEqualTo(7_000);
        assertThat(run.firstW()).isEqualTo(1_000.1);
        assertThat(run.severity()).isEqualTo(Severity.ORANGE);
        assertThat(portOverload.advance(run, charging(1, 1_000), at(8), 1_000)).isNull();
    }

    @Test
    void stationSeverityWithHysteresis() {
        ChargerLimits l = ChargerLimits.DEFAULTS;
        assertThat(station.severity(null, 7_799.9, l)).isNull();
        assertThat(station.severity(null, 7_800, l)).isEqualTo(Severity.YELLOW);
        assertThat(station.severity(null, 8_700, l)).isEqualTo(Severity.RED);
        assertThat(station.severity(Severity.RED, 8_265, l)).isEqualTo(Severity.RED);
        assertThat(station.severity(Severity.RED, 8_264.9, l)).isEqualTo(Severity.YELLOW);
        assertThat(station.severity(Severity.RED, 7_000, l)).as("a red alert clears straight away").isNull();
        assertThat(station.severity(Severity.YELLOW, 7_410, l)).isEqualTo(Severity.YELLOW);
        assertThat(station.severity(Severity.YELLOW, 7_409.9, l)).isNull();
        assertThat(station.severity(null, 6_500, new ChargerLimits(10, 800, 6_000, 7_000)))
                .as("limits from the registry").isEqualTo(Severity.YELLOW);
    }

    @Test
    void illegalLoadFlatnessBandIsTenPercentOfTheFirstReading() {
        IllegalLoadRun run = illegal.advance(null, charging(1, 900), at(0));
        run = illegal.advance(run, charging(1, 990), at(30));
        run = illegal.advance(run, charging(1, 810), at(60));
        assertThat(run.startTs()).as("990 and 810 W are within 10 % of 900 W").isEqualTo(at(0));
        assertThat(run.minW()).isEqualTo(810);
        assertThat(run.maxW()).isEqualTo(990);

        IllegalLoadRun restarted = illegal.advance(run, charging(1, 991), at(90));
        assertThat(restarted.startTs()).isEqualTo(at(90));
        assertThat(restarted.refW()).isEqualTo(991);
        assertThat(illegal.advance(restarted, charging(1, 799.9), at(120))).isNull();
    }

    @Test
    void illegalLoadQualifiesAtTwentyMinutes() {
        IllegalLoadRun start = illegal.advance(null, charging(1, 900), at(0));
        assertThat(illegal.qualifies(illegal.advance(start, charging(1, 900), at(20 * 60 - 0.001)))).isFalse();
        assertThat(illegal.qualifies(illegal.advance(start, charging(1, 900), at(20 * 60)))).isTrue();
        assertThat(illegal.qualifies(null)).isFalse();
    }
}
