package io.anju.sim.behaviour;

import io.anju.common.model.Device;
import io.anju.common.registry.Registry;
import io.anju.sim.clock.Scenario;
import io.anju.sim.fault.FaultPlan;

/** Builds the behaviour model of each device type from the registry, the run seed, scenario and fault plan. */
public final class Behaviours {
    private final Registry registry;
    private final long seed;
    private final Scenario scenario;
    private final FaultPlan plan;

    public Behaviours(Registry registry, long seed, Scenario scenario, FaultPlan plan) {
        this.registry = registry;
        this.seed = seed;
        this.scenario = scenario;
        this.plan = plan;
    }

    public DeviceBehaviour create(Device d, long startMs) {
        var rng = Draws.forDevice(seed, d.id());
        var faults = plan.forDevice(d.id());
        return switch (d.type()) {
            case CHARGER -> new ChargerBehaviour(d, rng, faults, scenario, startMs);
            case GATE -> new GateBehaviour(d, rng, faults, scenario, startMs);
            case CAMERA -> new CameraBehaviour(d, rng, faults, startMs);
            case CROWD -> {
                String zoneId = d.location() == null ? null : d.location().zoneId();
                yield new CrowdBehaviour(d, zoneId == null ? null : registry.zone(zoneId).orElse(null), rng, faults,
                        scenario, startMs);
            }
        };
    }
}
