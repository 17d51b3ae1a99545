package io.anju.sim.behaviour;

import io.anju.common.model.CrowdZone;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.topic.MqttTopics;
import io.anju.sim.clock.DayProfile;
import io.anju.sim.clock.Scenario;
import io.anju.sim.fault.FaultKind;
import io.anju.sim.fault.FaultSpec;
import io.anju.sim.payload.Payloads;

import java.util.List;
import java.util.Random;

/**
 * A crowd counter over one Beiyuanmen street zone. Visitors arrive at a rate that keeps the zone near the
 * hour's occupancy (a lunch rise, the food-street evening peak, a higher holiday day) and leave after a dwell
 * time. Every 10 s: {@code count} now, and the {@code inCount}/{@code outCount} crossings of that interval, with
 * {@code count = previous count + inCount − outCount} exactly.
 */
public final class CrowdBehaviour extends DeviceBehaviour {
    public static final long STEP_MS = 10_000;
    public static final int INTERVAL_S = 10;
    /**
     * Share of the zone's capacity present, by local hour, on an ordinary day. The evening peak stays at 45 %
     * (0.9 p/m² at the generated 2 p/m² capacity), under the first warning line (blue: 1.0 p/m² or 60 %): the
     * warning levels are set so that an ordinary day does not reach them; a holiday (× 1.5) does.
     */
    static final DayProfile OCCUPANCY = DayProfile.of(
            0.04, 0.02, 0.02, 0.01, 0.01, 0.01, 0.02, 0.04, 0.08, 0.14, 0.22, 0.29,
            0.33, 0.29, 0.26, 0.25, 0.27, 0.33, 0.40, 0.45, 0.43, 0.35, 0.22, 0.09);
    /** How quickly a surge fills the zone towards its target. */
    private static final double SURGE_FILL_S = 300;

    private final CrowdZone zone;
    private final DayProfile occupancy;
    private final double dwellS;
    private int count;

    public CrowdBehaviour(Device device, CrowdZone zone, Random rng, List<FaultSpec> faults, Scenario scenario,
                          long startMs) {
        super(device, rng, faults, STEP_MS, startMs);
        if (zone == null) {
            throw new IllegalArgumentException("crowd counter " + device.id() + " has no zone in the registry");
        }
        this.zone = zone;
        this.occupancy = OCCUPANCY.scaled(scenario.visitorFactor());
        // People pass through entrance zones; they linger at the food stalls.
        this.dwellS = zone.entrance() ? 8 * 60 : 20 * 60;
        this.count = (int) Math.round(zone.capacity() * occupancy.at(startMs));
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
        double target = zone.capacity() * occupancy.at(t);
        double inPerS = target / dwellS;
        for (FaultSpec surge : active(FaultKind.CROWD_SURGE, t)) {
            double surgeTarget = zone.capacity() * surge.magnitude();
            inPerS = Math.max(inPerS, count / dwellS + Math.max(0, surgeTarget - count) / SURGE_FILL_S);
        }
        int in = Draws.poisson(rng, inPerS * INTERVAL_S);
        int out = Math.min(count + in, Draws.poisson(rng, count * INTERVAL_S / dwellS));
        count = count + in - out;
        json(MqttTopics.telemetry(DeviceType.CROWD, id()),
                new Payloads.CrowdTelemetry(t, nextSeq(), count, in, out, INTERVAL_S));
    }
}
