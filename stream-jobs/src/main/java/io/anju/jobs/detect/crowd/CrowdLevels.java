package io.anju.jobs.detect.crowd;

import io.anju.common.alert.Severity;
import io.anju.jobs.input.ZoneInfo;

import java.io.Serializable;

/**
 * The warning level of a zone's occupancy: a level is reached at its density (persons/m²) or at its share of the
 * zone's published capacity, whichever comes first. Comparisons are ratios (persons / area, persons / capacity),
 * so a threshold written as a decimal is met exactly at its edge.
 */
public final class CrowdLevels implements Serializable {
    private static final Severity[] LEVELS = Severity.values();

    private final double[] density;
    private final double[] capacityShare;
    private final double clearRatio;

    public CrowdLevels(CrowdSettings s) {
        this.density = new double[] {s.blueDensity(), s.yellowDensity(), s.orangeDensity(), s.redDensity()};
        this.capacityShare = new double[] {s.blueCapacityShare(), s.yellowCapacityShare(), s.orangeCapacityShare(),
                s.redCapacityShare()};
        this.clearRatio = s.clearRatio();
    }

    /** The highest level {@code persons} reach in {@code zone}, or null below blue. */
    public Severity level(double persons, ZoneInfo zone) {
        Severity reached = null;
        for (Severity l : LEVELS) {
            if (reaches(persons, zone, l)) {
                reached = l;
            }
        }
        return reached;
    }

    /**
     * The highest level whose hysteresis band {@code persons} are still in: the level is kept while the occupancy is
     * at or above {@code clearRatio} × its threshold. Null when below every band.
     */
    public Severity stayLevel(double persons, ZoneInfo zone) {
        Severity kept = null;
        for (Severity l : LEVELS) {
            if (persons >= clearRatio * thresholdPersons(l, zone)) {
                kept = l;
            }
        }
        return kept;
    }

    /** The number of people at which {@code level} is reached in {@code zone}. */
    public double thresholdPersons(Severity level, ZoneInfo zone) {
        double byDensity = density[level.ordinal()] * zone.areaM2();
        double share = capacityShare[level.ordinal()];
        return share > 0 ? Math.min(byDensity, share * zone.capacity()) : byDensity;
    }

    public static double density(double persons, ZoneInfo zone) {
        return persons / zone.areaM2();
    }

    /** The stable action code of a density level. */
    public static String actionFor(Severity level) {
        return switch (level) {
            case BLUE -> "monitor";
            case YELLOW -> "deploy_stewards";
            case ORANGE -> "restrict_entry";
            case RED -> "evacuate_and_close_entry";
        };
    }

    private boolean reaches(double persons, ZoneInfo zone, Severity l) {
        double share = capacityShare[l.ordinal()];
        return persons / zone.areaM2() >= density[l.ordinal()] || (share > 0 && persons / zone.capacity() >= share);
    }
}
