package io.anju.jobs.detect.crowd;

import io.anju.common.alert.Severity;
import io.anju.jobs.input.ZoneInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.anju.jobs.detect.crowd.CrowdFixtures.STREET;
import static org.assertj.core.api.Assertions.assertThat;

class CrowdLevelsTest {
    private final CrowdLevels levels = new CrowdLevels(CrowdSettings.defaults());

    @ParameterizedTest(name = "{0} people in 1,000 m² (capacity 2,000) -> {1}")
    @CsvSource(nullValues = "none", value = {
            "999, none", "1000, BLUE",          // 1.0 p/m² (60 % of capacity would be 1,200)
            "1599, BLUE", "1600, YELLOW",        // 80 % of capacity comes before 2.0 p/m²
            "3499, YELLOW", "3500, ORANGE",      // 3.5 p/m²
            "4999, ORANGE", "5000, RED"})        // 5.0 p/m²
    void levelsAtTheirEdges(int persons, Severity expected) {
        assertThat(levels.level(persons, STREET)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} people in 1,000 m² with capacity 1,500 -> {1}")
    @CsvSource(nullValues = "none", value = {"899, none", "900, BLUE", "1199, BLUE", "1200, YELLOW"})
    void capacityShareReachesALevelBeforeTheDensity(int persons, Severity expected) {
        ZoneInfo smallCapacity = new ZoneInfo("Z009", "化觉巷", 1000, 1500, false);
        assertThat(levels.level(persons, smallCapacity)).isEqualTo(expected);
    }

    @Test
    void yellowByDensityWhenTheCapacityIsLarge() {
        ZoneInfo largeCapacity = new ZoneInfo("Z001", "鼓楼广场", 1000, 10_000, true);
        assertThat(levels.level(1999, largeCapacity)).isEqualTo(Severity.BLUE);
        assertThat(levels.level(2000, largeCapacity)).isEqualTo(Severity.YELLOW);
    }

    @Test
    void thresholdsInPersonsTakeTheEarlierCriterion() {
        assertThat(levels.thresholdPersons(Severity.BLUE, STREET)).isEqualTo(1000);
        assertThat(levels.thresholdPersons(Severity.YELLOW, STREET)).isEqualTo(1600);
        assertThat(levels.thresholdPersons(Severity.ORANGE, STREET)).isEqualTo(3500);
        assertThat(levels.thresholdPersons(Severity.RED, STREET)).isEqualTo(5000);
    }

    @Test
    void aLevelIsKeptDownToEightyPercentOfItsThreshold() {
        assertThat(levels.stayLevel(850, STREET)).isEqualTo(Severity.BLUE);   // 85 % of blue
        assertThat(levels.stayLevel(800, STREET)).isEqualTo(Severity.BLUE);   // exactly 80 %
        assertThat(levels.stayLevel(799, STREET)).isNull();
        assertThat(levels.stayLevel(2900, STREET)).isEqualTo(Severity.ORANGE); // 2,800 = 80 % of orange
        assertThat(levels.stayLevel(2700, STREET)).isEqualTo(Severity.YELLOW);
    }

    @Test
    void actionsByLevel() {
        assertThat(CrowdLevels.actionFor(Severity.BLUE)).isEqualTo("monitor");
        assertThat(CrowdLevels.actionFor(Severity.YELLOW)).isEqualTo("deploy_stewards");
        assertThat(CrowdLevels.actionFor(Severity.ORANGE)).isEqualTo("restrict_entry");
        assertThat(CrowdLevels.actionFor(Severity.RED)).isEqualTo("evacuate_and_close_entry");
    }
}
