package io.anju.sim.truth;

import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.crowd.CrowdThresholds;
import io.anju.common.model.CrowdZone;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.registry.Registry;
import io.anju.sim.behaviour.CrowdBehaviour;
import io.anju.sim.behaviour.CrowdModel;
import io.anju.sim.clock.Scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The crowd warnings a zone's own visitors may raise in a run, with no fault injected: computed from the
 * simulator's crowd model ({@link CrowdModel}) and the detectors' default thresholds ({@link CrowdThresholds}).
 * <p>
 * The model's count is Poisson-distributed around a mean that follows the hour's target with a lag of one dwell
 * time (arrivals Poisson, departures per person); this class steps that mean the way the counter steps its count,
 * every 10 s. A rule <em>may</em> fire at a reading when the chance that the reading crosses it is at least
 * {@link #CHANCE}, for the inflow rule the chance that the whole run of readings it needs does:
 * <ul>
 *   <li>{@code crowd_density}: a level may be reached when P(count ≥ the level's persons) ≥ {@link #CHANCE}. One
 *   warning per stretch in which blue may be reached, at the highest level that may be reached in it, raisable
 *   until the level's hold ({@link CrowdThresholds#MIN_DURATION}) after the stretch.</li>
 *   <li>{@code crowd_forecast}: the model's mean rises far slower than the forecast's 1 %/min of capacity, so a
 *   forecast can only come from counting noise near a line the density rule may cross: allowed from the forecast
 *   horizon before each density stretch to its end, at the same severity.</li>
 *   <li>{@code crowd_inflow} (entrance zones): arrivals per reading are Poisson at the model's rate; the rule needs
 *   every reading over {@link CrowdThresholds#INFLOW_MIN_DURATION} above the limit (capacity / 10 per minute), so
 *   it may fire when the product of those readings' chances is ≥ {@link #CHANCE}. Always orange.</li>
 * </ul>
 */
public final class ExpectedCrowdWarnings {
    /**
     * The chance per reading (per run of readings for inflow) from which a crossing counts as possible. Chances
     * are per reading; a 6-hour run has ~2,200 readings per zone, so crossings rarer than this are not expected.
     */
    public static final double CHANCE = 1e-6;
    /** The longest stretch of simulated time a run's ground truth names expected warnings for. */
    public static final Duration MAX_WINDOW = Duration.ofDays(7);
    private static final long STEP_MS = CrowdBehaviour.STEP_MS;
    private static final Severity[] LEVELS = Severity.values();

    private ExpectedCrowdWarnings() {
    }

    /**
     * The warnings the zones of the played crowd counters may raise in a run from {@code startMs} to {@code endMs},
     * at most {@link #MAX_WINDOW} of it (a run at 100,000× for hours spans years of simulated time).
     */
    public static List<ExpectedWarning> forCounters(List<Device> played, Registry registry, Scenario scenario,
                                                    long startMs, long endMs) {
        long end = Math.min(endMs, startMs + MAX_WINDOW.toMillis());
        List<ExpectedWarning> warnings = new ArrayList<>();
        for (Device d : played) {
            if (d.type() == DeviceType.CROWD && d.location() != null && d.location().zoneId() != null) {
                registry.zone(d.location().zoneId())
                        .ifPresent(zone -> warnings.addAll(of(zone, scenario, startMs, end)));
            }
        }
        return warnings;
    }

    /** The warnings {@code zone}'s crowding may raise between {@code startMs} and {@code endMs}. */
    public static List<ExpectedWarning> of(CrowdZone zone, Scenario scenario, long startMs, long endMs) {
        CrowdModel model = new CrowdModel(zone, scenario);
        int inflowReadings = (int) Math.ceil(CrowdThresholds.INFLOW_MIN_DURATION.toMillis() / (double) STEP_MS);
        int inflowAbove = inflowThreshold(zone);
        double[] recentInflowChances = new double[inflowReadings];
        List<ExpectedWarning> warnings = new ArrayList<>();
        Stretch density = new Stretch();
        Stretch inflow = new Stretch();
        double mean = model.initialCount(startMs);
        long t = startMs - startMs % STEP_MS;
        for (int n = 0; t + STEP_MS <= endMs; n++) {
            t += STEP_MS;
            mean += model.arrivalsPerS(t) * CrowdBehaviour.INTERVAL_S - model.departures(mean, CrowdBehaviour.INTERVAL_S);
            Severity possible = null;
            for (Severity level : LEVELS) {
                if (PoissonChance.atLeast(mean, persons(level, zone)) >= CHANCE) {
                    possible = level;
                }
            }
            density.observe(possible, t).ifPresent(s -> addDensity(warnings, zone, s));
            if (zone.entrance()) {
                recentInflowChances[n % inflowReadings] = PoissonChance.atLeast(
                        model.arrivalsPerS(t) * CrowdBehaviour.INTERVAL_S, inflowAbove);
                double run = n + 1 < inflowReadings ? 0 : product(recentInflowChances);
                inflow.observe(run >= CHANCE ? Severity.ORANGE : null, t).ifPresent(s -> warnings.add(
                        new ExpectedWarning(AlertType.CROWD_INFLOW, zone.id(), zone.id(), s.level, s.from, s.to)));
            }
        }
        density.end().ifPresent(s -> addDensity(warnings, zone, s));
        inflow.end().ifPresent(s -> warnings.add(
                new ExpectedWarning(AlertType.CROWD_INFLOW, zone.id(), zone.id(), s.level, s.from, s.to)));
        return warnings;
    }

    /** The fewest persons at which {@code level} is reached in {@code zone}: its density or capacity share. */
    public static int persons(Severity level, CrowdZone zone) {
        int byDensity = atLeast(CrowdThresholds.density(level) * zone.areaM2());
        double share = CrowdThresholds.capacityShare(level);
        return share > 0 ? Math.min(byDensity, atLeast(share * zone.capacity())) : byDensity;
    }

    /** The level {@code persons} reach in {@code zone}, or null below blue. */
    public static Severity level(int persons, CrowdZone zone) {
        Severity reached = null;
        for (Severity level : LEVELS) {
            if (persons >= persons(level, zone)) {
                reached = level;
            }
        }
        return reached;
    }

    /** The fewest people per reading that exceed the entrance inflow limit (capacity / 10 per minute). */
    static int inflowThreshold(CrowdZone zone) {
        double limitPerMin = zone.capacity() * 60_000.0 / CrowdThresholds.INFLOW_FILL_TIME.toMillis();
        return (int) Math.floor(limitPerMin * CrowdBehaviour.INTERVAL_S / 60.0 + 1e-9) + 1;
    }

    private static void addDensity(List<ExpectedWarning> warnings, CrowdZone zone, Span s) {
        long hold = CrowdThresholds.MIN_DURATION.toMillis();
        warnings.add(new ExpectedWarning(AlertType.CROWD_DENSITY, zone.id(), zone.id(), s.level, s.from, s.to + hold));
        warnings.add(new ExpectedWarning(AlertType.CROWD_FORECAST, zone.id(), zone.id(), s.level,
                s.from - CrowdThresholds.FORECAST_HORIZON.toMillis(), s.to));
    }

    /** The smallest whole number of persons at or above {@code persons} (a threshold written as a decimal). */
    private static int atLeast(double persons) {
        return (int) Math.ceil(persons - 1e-9);
    }

    private static double product(double[] chances) {
        double p = 1;
        for (double c : chances) {
            p *= c;
        }
        return p;
    }

    /** A stretch of readings at which a rule may fire, and the highest level it may reach in it. */
    private record Span(long from, long to, Severity level) {
    }

    /** Follows readings and hands back each stretch once it has ended. */
    private static final class Stretch {
        private long from = -1;
        private long to;
        private Severity level;

        Optional<Span> observe(Severity possible, long t) {
            if (possible == null) {
                return end();
            }
            if (from < 0) {
                from = t;
                level = possible;
            }
            level = Severity.max(level, possible);
            to = t;
            return Optional.empty();
        }

        Optional<Span> end() {
            if (from < 0) {
                return Optional.empty();
            }
            Span span = new Span(from, to, level);
            from = -1;
            return Optional.of(span);
        }
    }
}
