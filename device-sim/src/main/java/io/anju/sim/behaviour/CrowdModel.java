package io.anju.sim.behaviour;

import io.anju.common.model.CrowdZone;
import io.anju.sim.clock.DayProfile;
import io.anju.sim.clock.Scenario;

/**
 * The visitor model of one Beiyuanmen zone, without its randomness: how many people the hour brings
 * ({@link #target}), the rate at which they arrive and how long they stay. {@link CrowdBehaviour} draws its counts
 * from it; the ground truth ({@code io.anju.sim.truth}) computes from it which warnings the crowding should raise.
 * Arrivals are Poisson at {@code target / dwell} per second and each person leaves at rate {@code 1 / dwell}, so the
 * count is Poisson-distributed around a mean that follows the target with a lag of one dwell time.
 */
public final class CrowdModel {
    /**
     * Share of the zone's capacity present, by local hour, on an ordinary day. The evening peak stays at 45 %
     * (0.9 p/m² at the generated 2 p/m² capacity), under the first warning line (blue: 1.0 p/m² or 60 %): the
     * warning levels are set so that an ordinary day does not reach them; a holiday (× 1.5) does.
     */
    static final DayProfile OCCUPANCY = DayProfile.of(
            0.04, 0.02, 0.02, 0.01, 0.01, 0.01, 0.02, 0.04, 0.08, 0.14, 0.22, 0.29,
            0.33, 0.29, 0.26, 0.25, 0.27, 0.33, 0.40, 0.45, 0.43, 0.35, 0.22, 0.09);
    /** People pass through entrance zones; they linger at the food stalls. */
    static final double ENTRANCE_DWELL_S = 8 * 60;
    static final double INNER_DWELL_S = 20 * 60;

    private final CrowdZone zone;
    private final DayProfile occupancy;
    private final double dwellS;

    public CrowdModel(CrowdZone zone, Scenario scenario) {
        this.zone = zone;
        this.occupancy = OCCUPANCY.scaled(scenario.visitorFactor());
        this.dwellS = zone.entrance() ? ENTRANCE_DWELL_S : INNER_DWELL_S;
    }

    public CrowdZone zone() {
        return zone;
    }

    /** How long a visitor stays, seconds. */
    public double dwellS() {
        return dwellS;
    }

    /** The number of people the hour brings to the zone at {@code simMs}. */
    public double target(long simMs) {
        return zone.capacity() * occupancy.at(simMs);
    }

    /** The count a run starts with. */
    public int initialCount(long startMs) {
        return (int) Math.round(target(startMs));
    }

    /** Expected arrivals per second at {@code simMs} (without a surge). */
    public double arrivalsPerS(long simMs) {
        return target(simMs) / dwellS;
    }

    /** Expected departures per second of {@code count} people. */
    public double departuresPerS(double count) {
        return count / dwellS;
    }

    /** Expected departures of {@code count} people over {@code seconds}. */
    public double departures(double count, double seconds) {
        return count * seconds / dwellS;
    }
}
