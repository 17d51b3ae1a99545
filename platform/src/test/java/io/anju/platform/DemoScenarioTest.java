package io.anju.platform;

import io.anju.cases.auth.cli.UserDemoCommand.DemoUser;
import io.anju.cases.auth.cli.UserDemoCommand;
import io.anju.cases.model.Role;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.registry.Registry;
import io.anju.registry.generate.GeneratorOptions;
import io.anju.registry.generate.RegistryGenerator;
import io.anju.sim.fault.FaultKind;
import io.anju.sim.fault.FaultSpec;
import io.anju.sim.run.DeviceFilter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DemoScenarioTest {
    private static final long START = DemoScenario.DAY_SHAPE.defaultStartMs(LocalDate.of(2026, 10, 1));
    private static final long MINUTE = 60_000;
    private static Registry registry;
    private static List<DemoUser> team;
    private static DemoScenario scenario;

    @BeforeAll
    static void lianhu() {
        registry = new Registry(RegistryGenerator.generate(new GeneratorOptions(RegistryFiles.SEED, true, 0)).document());
        team = UserDemoCommand.team(registry);
        scenario = DemoScenario.of(registry, START, PlatformSettings.DEFAULT_FAULTS_AFTER,
                DeviceFilter.parse("limit=5"));
    }

    @Test
    void theThermalRunaway_isOnAChargerPortOfThePropertyManagersCompound_atTheGridWorkersGrid() {
        FaultSpec runaway = fault(FaultKind.THERMAL_RUNAWAY);
        Device charger = registry.device(runaway.deviceId()).orElseThrow();
        assertThat(charger.type()).isEqualTo(DeviceType.CHARGER);
        assertThat(charger.location().compoundId()).isEqualTo(scope(Role.PROPERTY_MANAGER));
        assertThat(charger.location().gridId()).isEqualTo(scope(Role.GRID_WORKER));
        assertThat(charger.location().communityId()).isEqualTo(scope(Role.COMMUNITY_OPERATOR));
        assertThat(runaway.port()).isBetween(1, charger.charger().ports());
    }

    @Test
    void theCrowdSurge_isInABeiyuanmenZone_ofTheEmergencyManagersSubDistrict() {
        FaultSpec surge = fault(FaultKind.CROWD_SURGE);
        Device counter = registry.device(surge.deviceId()).orElseThrow();
        assertThat(counter.type()).isEqualTo(DeviceType.CROWD);
        assertThat(counter.location().subDistrictId()).isEqualTo(scope(Role.EMERGENCY_MANAGER));
        assertThat(registry.subDistrict(counter.location().subDistrictId()).orElseThrow().nameEn())
                .isEqualTo("Beiyuanmen");
        assertThat(scenario.zone().id()).isEqualTo(counter.location().zoneId());
        // Past the orange line (3.5 p/m²) at the zone's capacity density, short of red (5.0 p/m²).
        double density = surge.magnitude() * scenario.zone().capacity() / scenario.zone().areaM2();
        assertThat(density).isBetween(3.6, 4.9);
    }

    @Test
    void bothFaults_startInTheFirstSimulatedMinutes_andLastLongEnoughToReachTheirAlert() {
        assertThat(scenario.faults().faults()).hasSize(2);
        for (FaultSpec f : scenario.faults().faults()) {
            assertThat(f.startTs() - START).as(f.fault().wireName()).isBetween(MINUTE, 2 * MINUTE);
            assertThat(f.endTs() - f.startTs()).as(f.fault().wireName())
                    .isGreaterThanOrEqualTo(f.fault().detectWithinMinutes() * MINUTE);
        }
    }

    @Test
    void laterFaults_startWhenAsked_andLastAsLong() {
        DemoScenario later = DemoScenario.of(registry, START, Duration.ofMinutes(5), DeviceFilter.parse("limit=5"));
        for (FaultSpec f : later.faults().faults()) {
            FaultSpec usual = fault(f.fault());
            assertThat(f.startTs() - START).as(f.fault().wireName()).isEqualTo(5 * MINUTE);
            assertThat(f.endTs() - f.startTs()).as(f.fault().wireName()).isEqualTo(usual.endTs() - usual.startTs());
        }
        assertThat(later.describe()).allSatisfy(line -> assertThat(line).contains("+5 simulated min"));
    }

    @Test
    void theSimulatorPlays_theScenariosDevices_andTheChosenLoad() {
        List<String> chosen = DeviceFilter.parse("limit=5").select(registry.devices()).stream().map(Device::id).toList();
        assertThat(scenario.played()).containsAll(chosen)
                .contains(scenario.charger().id(), scenario.crowdCounter().id());
        assertThat(scenario.deviceFilter().select(registry.devices())).extracting(Device::id)
                .containsExactlyInAnyOrderElementsOf(scenario.played());
        assertThat(scenario.played()).as("every Beiyuanmen counter: the crowd map is complete")
                .containsAll(registry.devicesOfType(DeviceType.CROWD).stream().filter(Device::enabled)
                        .map(Device::id).toList());
    }

    private static FaultSpec fault(FaultKind kind) {
        return scenario.faults().faults().stream().filter(f -> f.fault() == kind).findFirst().orElseThrow();
    }

    private static String scope(Role role) {
        return team.stream().filter(u -> u.role() == role).findFirst().orElseThrow().scope();
    }
}
