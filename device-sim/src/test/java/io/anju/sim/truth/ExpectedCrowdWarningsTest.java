package io.anju.sim.truth;

import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.model.CrowdZone;
import io.anju.sim.clock.Scenario;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.anju.sim.testing.TinyRegistry.MINUTE;
import static io.anju.sim.testing.TinyRegistry.at;
import static org.assertj.core.api.Assertions.assertThat;

/** Known answers of the expected crowd warnings, from the crowd model and the detectors' default thresholds. */
class ExpectedCrowdWarningsTest {
    /** A lane at an entrance as the registry generates it: 580 m², capacity 1,160 (2 p/m²). */
    private static final CrowdZone LANE_ENTRANCE = new CrowdZone("z-13", "洒金桥北口", "g-1", 580, 1160, true, true);
    private static final CrowdZone STREET = new CrowdZone("z-04", "北院门街中段", "g-1", 1730, 3460, false, true);
    private static final long HOLIDAY_1700 = at(2026, 10, 1, 17, 0);
    private static final long HOLIDAY_2230 = HOLIDAY_1700 + 330 * MINUTE;

    @Test
    void levels_areReachedAtTheirDensity_orTheirCapacityShare_whicheverComesFirst() {
        // blue: 1.0 p/m² (580) before 60 % (696); yellow: 80 % (928) before 2.0 p/m² (1,160); orange/red: density.
        assertThat(ExpectedCrowdWarnings.persons(Severity.BLUE, LANE_ENTRANCE)).isEqualTo(580);
        assertThat(ExpectedCrowdWarnings.persons(Severity.YELLOW, LANE_ENTRANCE)).isEqualTo(928);
        assertThat(ExpectedCrowdWarnings.persons(Severity.ORANGE, LANE_ENTRANCE)).isEqualTo(2030);
        assertThat(ExpectedCrowdWarnings.persons(Severity.RED, LANE_ENTRANCE)).isEqualTo(2900);
        assertThat(ExpectedCrowdWarnings.level(579, LANE_ENTRANCE)).isNull();
        assertThat(ExpectedCrowdWarnings.level(580, LANE_ENTRANCE)).isEqualTo(Severity.BLUE);
        assertThat(ExpectedCrowdWarnings.level(927, LANE_ENTRANCE)).isEqualTo(Severity.BLUE);
        assertThat(ExpectedCrowdWarnings.level(928, LANE_ENTRANCE)).isEqualTo(Severity.YELLOW);
        // The inflow limit is capacity / 10 per minute: 116/min, more than 19.33 people in a 10 s reading.
        assertThat(ExpectedCrowdWarnings.inflowThreshold(LANE_ENTRANCE)).isEqualTo(20);
    }

    @Test
    void aHolidayEvening_namesOneBlueDensityWarningPerZone_overItsPeak_withItsForecast() {
        for (CrowdZone zone : List.of(LANE_ENTRANCE, STREET)) {
            List<ExpectedWarning> density = ofType(
                    ExpectedCrowdWarnings.of(zone, Scenario.HOLIDAY, HOLIDAY_1700, HOLIDAY_2230),
                    AlertType.CROWD_DENSITY);
            // 19:00 on a holiday: 67.5 % of capacity, past blue (50 %, 1.0 p/m²) and far from yellow (80 %).
            assertThat(density).as(zone.id()).hasSize(1);
            ExpectedWarning blue = density.get(0);
            assertThat(blue.severity()).isEqualTo(Severity.BLUE);
            assertThat(blue.sourceId()).isEqualTo(zone.id());
            assertThat(blue.fromTs()).as(zone.id()).isLessThanOrEqualTo(at(2026, 10, 1, 18, 0));
            assertThat(blue.toTs()).as(zone.id()).isBetween(at(2026, 10, 1, 21, 0), at(2026, 10, 1, 22, 15));

            List<ExpectedWarning> forecast = ofType(
                    ExpectedCrowdWarnings.of(zone, Scenario.HOLIDAY, HOLIDAY_1700, HOLIDAY_2230),
                    AlertType.CROWD_FORECAST);
            assertThat(forecast).singleElement().satisfies(f -> {
                assertThat(f.fromTs()).isEqualTo(blue.fromTs() - 10 * MINUTE);
                assertThat(f.severity()).isEqualTo(Severity.BLUE);
            });
        }
    }

    @Test
    void inflow_isExpectedOnlyAtEntrances_aroundThePeak() {
        List<ExpectedWarning> inflow = ofType(
                ExpectedCrowdWarnings.of(LANE_ENTRANCE, Scenario.HOLIDAY, HOLIDAY_1700, HOLIDAY_2230),
                AlertType.CROWD_INFLOW);
        assertThat(inflow).singleElement().satisfies(w -> {
            assertThat(w.severity()).isEqualTo(Severity.ORANGE);
            assertThat(w.fromTs()).isBetween(at(2026, 10, 1, 17, 30), at(2026, 10, 1, 19, 0));
            assertThat(w.toTs()).isBetween(at(2026, 10, 1, 19, 0), at(2026, 10, 1, 21, 0));
        });
        assertThat(ofType(ExpectedCrowdWarnings.of(STREET, Scenario.HOLIDAY, HOLIDAY_1700, HOLIDAY_2230),
                AlertType.CROWD_INFLOW)).isEmpty();
    }

    @Test
    void theSmallHours_andAnOrdinaryMorning_expectNothing() {
        long quiet = at(2026, 10, 2, 2, 0);
        long morning = at(2026, 10, 2, 7, 0);
        for (CrowdZone zone : List.of(LANE_ENTRANCE, STREET)) {
            assertThat(ExpectedCrowdWarnings.of(zone, Scenario.QUIET, quiet, quiet + 180 * MINUTE)).isEmpty();
            assertThat(ExpectedCrowdWarnings.of(zone, Scenario.EVENING, morning, morning + 180 * MINUTE)).isEmpty();
        }
    }

    private static List<ExpectedWarning> ofType(List<ExpectedWarning> warnings, AlertType type) {
        return warnings.stream().filter(w -> w.warning() == type).toList();
    }
}
