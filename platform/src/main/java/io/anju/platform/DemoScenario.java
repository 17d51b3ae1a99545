package io.anju.platform;

import io.anju.cases.auth.cli.UserDemoCommand;
import io.anju.cases.auth.cli.UserDemoCommand.DemoUser;
import io.anju.cases.model.Role;
import io.anju.common.model.CrowdZone;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.registry.Registry;
import io.anju.sim.clock.Scenario;
import io.anju.sim.fault.FaultKind;
import io.anju.sim.fault.FaultPlan;
import io.anju.sim.fault.FaultSpec;
import io.anju.sim.run.DeviceFilter;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code ./anju demo} plays: the evening charging peak, a thermal runaway on a charger port of the demo property
 * manager's compound (so the fire risk lands at the demo grid worker's grid), and a holiday-sized crowd surge in a
 * Beiyuanmen zone (in the demo emergency manager's sub-district). Both faults start {@code faultsAfter} in (by default
 * one simulated minute, {@link PlatformSettings#faultsAfter()}); at the default 10× the crowd warning then shows within
 * about 20 s and the fire risk within about 40 s, red by about a minute.
 *
 * @param charger      the station of the thermal runaway
 * @param zone         the crowd zone of the surge
 * @param crowdCounter the counter watching that zone
 * @param faults       the fault plan (simulated times)
 * @param faultsAfter  simulated time from the start to both faults
 * @param played       the devices the simulator plays: the caller's selection plus the scenario's own
 */
public record DemoScenario(Device charger, int port, CrowdZone zone, Device crowdCounter, FaultPlan faults,
                           Duration faultsAfter, Set<String> played) {
    public static final Scenario DAY_SHAPE = Scenario.EVENING;
    static final long MINUTE = 60_000;
    static final int RUNAWAY_PORT = 1;
    /** °C per minute: from ambient past the 48 °C rise floor in ~4 min, smoke at 68 °C after ~8 min. */
    static final double RUNAWAY_RATE = 6.0;
    static final long RUNAWAY_DURATION = 20 * MINUTE;
    /** × zone capacity: 4.4 p/m² at 2 p/m² capacity, past orange (3.5), short of red (5.0). */
    static final double SURGE_TARGET = 2.2;
    static final long SURGE_DURATION = 40 * MINUTE;

    /** @param faultsAfter simulated time from {@code simStartMs} to the faults; a minute or more gives a baseline */
    public static DemoScenario of(Registry registry, long simStartMs, Duration faultsAfter, DeviceFilter selection) {
        List<DemoUser> team = UserDemoCommand.team(registry);
        String compound = scopeOf(team, Role.PROPERTY_MANAGER);
        String subDistrict = scopeOf(team, Role.EMERGENCY_MANAGER);
        Device charger = registry.devicesOfType(DeviceType.CHARGER).stream()
                .filter(d -> d.enabled() && compound.equals(d.location().compoundId()))
                .findFirst().orElseThrow(() -> new IllegalStateException("no enabled charger in compound " + compound));
        List<Device> counters = registry.devicesOfType(DeviceType.CROWD).stream()
                .filter(d -> d.enabled() && subDistrict.equals(d.location().subDistrictId())).toList();
        // An entrance zone: the surge then shows as inflow at the entrance as well as density.
        Device counter = counters.stream()
                .min(Comparator.comparing((Device d) -> !zoneOf(registry, d).entrance()).thenComparing(Device::id))
                .orElseThrow(() -> new IllegalStateException("no crowd counter in sub-district " + subDistrict));
        long start = simStartMs + faultsAfter.toMillis();
        FaultPlan plan = new FaultPlan(0, "demo", List.of(
                new FaultSpec(FaultKind.THERMAL_RUNAWAY, charger.id(), RUNAWAY_PORT, start, start + RUNAWAY_DURATION,
                        RUNAWAY_RATE),
                new FaultSpec(FaultKind.CROWD_SURGE, counter.id(), null, start, start + SURGE_DURATION, SURGE_TARGET)));

        Set<String> played = new LinkedHashSet<>();
        registry.devicesOfType(DeviceType.CHARGER).stream()
                .filter(d -> d.enabled() && compound.equals(d.location().compoundId()))
                .forEach(d -> played.add(d.id()));
        counters.forEach(d -> played.add(d.id()));
        selection.select(registry.devices()).forEach(d -> played.add(d.id()));
        return new DemoScenario(charger, RUNAWAY_PORT, zoneOf(registry, counter), counter, plan, faultsAfter,
                Set.copyOf(played));
    }

    /** The simulator's device selection: exactly {@link #played()}. */
    public DeviceFilter deviceFilter() {
        return new DeviceFilter(Set.of(), played, null, null, Integer.MAX_VALUE);
    }

    /** One line per fault, for the banner and the log. */
    public List<String> describe() {
        String after = faultsAfter.toSecondsPart() == 0 ? faultsAfter.toMinutes() + " simulated min"
                : faultsAfter.toSeconds() + " simulated s";
        return List.of(
                "thermal runaway on charger " + charger.id() + " port " + port + " (compound "
                        + charger.location().compoundId() + ", grid " + charger.location().gridId() + "), +" + after + ", "
                        + RUNAWAY_RATE + " °C/min",
                "crowd surge in Beiyuanmen zone " + zone.id() + " (" + zone.name() + ", grid " + zone.gridId()
                        + "), +" + after + ", towards " + SURGE_TARGET
                        + " × capacity");
    }

    private static String scopeOf(List<DemoUser> team, Role role) {
        return team.stream().filter(u -> u.role() == role).map(DemoUser::scope).findFirst()
                .orElseThrow(() -> new IllegalStateException("the demo team has no " + role.wireName()));
    }

    private static CrowdZone zoneOf(Registry registry, Device counter) {
        return registry.zone(counter.location().zoneId())
                .orElseThrow(() -> new IllegalStateException("crowd counter " + counter.id() + " has no zone"));
    }
}
