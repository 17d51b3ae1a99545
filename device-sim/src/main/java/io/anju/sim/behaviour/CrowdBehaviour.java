package io.anju.sim.behaviour;

import io.anju.common.model.CrowdZone;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.topic.MqttTopics;
import io.anju.sim.clock.Scenario;
import io.anju.sim.fault.FaultKind;
import io.anju.sim.fault.FaultSpec;
import io.anju.sim.payload.Payloads;

import java.util.List;
import java.util.Random;

/**
 * A crowd counter over one Beiyuanmen street zone. Visitors arrive at a rate that keeps the zone near the
 * hour's occupancy (a lunch rise, the food-street evening peak, a higher holiday day) and leave after a dwell
 * time ({@link CrowdModel}). Every 10 s: {@code count} now, and the {@code inCount}/{@code outCount} crossings of that interval, with
 * {@code count = previous count + inCount − outCount} exactly.
 */
public final class CrowdBehaviour extends DeviceBehaviour {
    public static final long STEP_MS = 10_000;
    public static final int INTERVAL_S = 10;
    /** How quickly a surge fills the zone towards its target. */
    private static final double SURGE_FILL_S = 300;

    private final CrowdZone zone;
    private final CrowdModel model;
    private int count;

    public CrowdBehaviour(Device device, CrowdZone zone, Random rng, List<FaultSpec> faults, Scenario scenario,
                          long startMs) {
        super(device, rng, faults, STEP_MS, startMs);
        if (zone == null) {
            throw new IllegalArgumentException("crowd counter " + device.id() + " has no zone in the registry");
        }
        this.zone = zone;
        this.model = new CrowdModel(zone, scenario);
        this.count = model.initialCount(startMs);
    }

    @Override
    protected String firmware() {
        return "3.0.5";
    }

    public int count() {
        return count;
    }

    public CrowdZone zone() {
        return zone;
    }

    @Override
    protected void step(long t) {
        double inPerS = model.arrivalsPerS(t);
        for (FaultSpec surge : active(FaultKind.CROWD_SURGE, t)) {
            double surgeTarget = zone.capacity() * surge.magnitude();
            inPerS = Math.max(inPerS, model.departuresPerS(count) + Math.max(0, surgeTarget - count) / SURGE_FILL_S);
        }
        int in = Draws.poisson(rng, inPerS * INTERVAL_S);
        int out = Math.min(count + in, Draws.poisson(rng, model.departures(count, INTERVAL_S)));
        count = count + in - out;
        json(MqttTopics.telemetry(DeviceType.CROWD, id()),
                new Payloads.CrowdTelemetry(t, nextSeq(), count, in, out, INTERVAL_S));
    }
}
