package io.anju.jobs.detect.crowd;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.model.CrowdZone;
import io.anju.common.model.DistrictTime;
import io.anju.jobs.input.ZoneInfo;
import io.anju.registry.generate.GeneratorOptions;
import io.anju.registry.generate.RegistryGenerator;
import io.anju.sim.clock.Scenario;
import io.anju.sim.clock.SimClock;
import io.anju.sim.truth.ExpectedCrowdWarnings;
import io.anju.sim.truth.ExpectedWarning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's ground truth and the crowd detector agree. The truth's copy of the level rule gives the detector's
 * level for every occupancy of every generated zone, and a seeded holiday evening of the simulator's own crowd model,
 * played through the detector, raises only warnings the truth names: matching type and zone, no higher severity,
 * raised within the named interval (give or take a minute, as the end-to-end scoring allows).
 */
class SimulatorCrowdTruthTest {
    private static final long MINUTE = 60_000;
    private static final long HOLIDAY = LocalDateTime.of(2026, 10, 1, 17, 0).atZone(DistrictTime.ZONE).toInstant()
            .toEpochMilli();
    private static final long LENGTH = 330 * MINUTE;
    private static final List<CrowdZone> ZONES = RegistryGenerator.generate(new GeneratorOptions(2020, true, 0))
            .document().zones();

    @Test
    void theTruthsLevels_areTheDetectorsLevels_forEveryOccupancyOfEveryZone() {
        CrowdLevels levels = new CrowdLevels(CrowdSettings.defaults());
        for (CrowdZone zone : ZONES) {
            ZoneInfo info = new ZoneInfo(zone.id(), zone.name(), zone.areaM2(), zone.capacity(), zone.entrance());
            for (int persons = 0; persons <= 3 * zone.capacity(); persons++) {
                assertThat(ExpectedCrowdWarnings.level(persons, zone)).as("%s at %d persons", zone.id(), persons)
                        .isEqualTo(levels.level(persons, info));
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"1", "2", "3"})
    void aHolidayEvening_raisesOnlyWhatTheTruthExpects_andItsBlueZonesDoRaise(long seed) throws Exception {
        Set<String> blueZones = new HashSet<>();
        for (CrowdZone zone : ZONES) {
            List<ExpectedWarning> expected = ExpectedCrowdWarnings.of(zone, Scenario.HOLIDAY, HOLIDAY,
                    HOLIDAY + LENGTH);
            List<Alert> alerts = CrowdSimulatorScenarioTest.run(zone, Scenario.HOLIDAY, HOLIDAY, seed, List.of(),
                    LENGTH);
            for (Alert raise : CrowdFixtures.withStatus(alerts, AlertStatus.RAISED)) {
                List<Alert> episode = alerts.stream().filter(a -> a.id().equals(raise.id())).toList();
                assertThat(expected).as("%s %s raised at %d", zone.id(), raise.type(), raise.firstEventTs())
                        .anyMatch(w -> w.warning() == raise.type()
                                && episode.stream().allMatch(a -> w.severity().atLeast(a.severity()))
                                && raise.firstEventTs() >= w.fromTs() - MINUTE
                                && raise.firstEventTs() <= w.toTs() + MINUTE);
                if (raise.type() == AlertType.CROWD_DENSITY) {
                    blueZones.add(zone.id());
                }
            }
        }
        assertThat(blueZones).as("zones whose holiday crowd passed the blue line").hasSizeGreaterThanOrEqualTo(6);
    }
}
