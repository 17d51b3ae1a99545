package io.anju.common.crowd;

import io.anju.common.alert.Severity;

import java.time.Duration;

/**
 * The default Beiyuanmen crowd thresholds of docs/detectors.md (domain.md, "Crowds"), defined once: the stream
 * jobs' crowd detector starts from them ({@code CrowdSettings.defaults()}) and the simulator's ground truth uses them
 * to name the warnings its own crowding should raise. Operators may tune the detector's copy per deployment; the
 * ground truth assumes these defaults.
 */
public final class CrowdThresholds {
    /** Persons per m² at which each level is reached. */
    public static final double BLUE_DENSITY = 1.0;
    public static final double YELLOW_DENSITY = 2.0;
    public static final double ORANGE_DENSITY = 3.5;
    public static final double RED_DENSITY = 5.0;
    /** Share of the zone's capacity at which each level is reached; 0 = no capacity criterion for that level. */
    public static final double BLUE_CAPACITY_SHARE = 0.6;
    public static final double YELLOW_CAPACITY_SHARE = 0.8;
    public static final double ORANGE_CAPACITY_SHARE = 0;
    public static final double RED_CAPACITY_SHARE = 0;
    /** A level goes down, or the alert clears, only below this fraction of the level's threshold ... */
    public static final double CLEAR_RATIO = 0.8;
    /** ... held this long. */
    public static final Duration CLEAR_AFTER = Duration.ofMinutes(2);
    /** A level must hold this long before it is raised or raised to. */
    public static final Duration MIN_DURATION = Duration.ofSeconds(30);
    /** A forecast warns when the next level is this close or closer. */
    public static final Duration FORECAST_HORIZON = Duration.ofMinutes(10);
    /** The entrance inflow limit is the rate that would fill the zone in this time (capacity / 10 per minute). */
    public static final Duration INFLOW_FILL_TIME = Duration.ofMinutes(10);
    /** Inflow above the limit this long raises {@code crowd_inflow}. */
    public static final Duration INFLOW_MIN_DURATION = Duration.ofMinutes(1);

    private CrowdThresholds() {
    }

    /** Persons per m² at which {@code level} is reached. */
    public static double density(Severity level) {
        return switch (level) {
            case BLUE -> BLUE_DENSITY;
            case YELLOW -> YELLOW_DENSITY;
            case ORANGE -> ORANGE_DENSITY;
            case RED -> RED_DENSITY;
        };
    }

    /** Share of capacity at which {@code level} is reached, 0 when the level has no capacity criterion. */
    public static double capacityShare(Severity level) {
        return switch (level) {
            case BLUE -> BLUE_CAPACITY_SHARE;
            case YELLOW -> YELLOW_CAPACITY_SHARE;
            case ORANGE -> ORANGE_CAPACITY_SHARE;
            case RED -> RED_CAPACITY_SHARE;
        };
    }
}
