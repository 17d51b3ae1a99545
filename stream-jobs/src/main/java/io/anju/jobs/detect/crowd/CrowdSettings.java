package io.anju.jobs.detect.crowd;

import io.anju.common.crowd.CrowdThresholds;

import java.io.Serializable;
import java.time.Duration;

/**
 * Thresholds of the Beiyuanmen crowd rules (density levels, forecast, inflow); defaults from domain.md.
 * A level is reached at its density <em>or</em> at its share of the zone's capacity, whichever comes first.
 *
 * @param blueDensity           persons/m² for blue; default 1.0
 * @param yellowDensity         persons/m² for yellow; default 2.0 (Fruin: walking slows)
 * @param orangeDensity         persons/m² for orange; default 3.5 (involuntary contact)
 * @param redDensity            persons/m² for red; default 5.0 (towards dangerous crowd forces)
 * @param blueCapacityShare     share of the zone capacity for blue, 0 = no capacity criterion; default 0.6
 * @param yellowCapacityShare   share of the zone capacity for yellow, 0 = none; default 0.8
 * @param orangeCapacityShare   share of the zone capacity for orange, 0 = none; default 0 (density only)
 * @param redCapacityShare      share of the zone capacity for red, 0 = none; default 0 (density only)
 * @param clearRatio            a level goes down only below this fraction of its threshold; default 0.8
 * @param minDuration           a level must hold this long (a reading covers its counting interval) before it
 *                              is raised or raised to; default 30 s (3 readings of 10 s)
 * @param clearAfter            how long the occupancy must stay below clearRatio × the level's threshold before
 *                              the level goes down or the alert clears; default 2 min
 * @param flowMismatchRatio     the counter's count disagrees with previous count + in − out by more than this
 *                              fraction; default 0.2
 * @param flowMismatchMinPeople ... and by more than this many people (small counts are noisy); default 5
 * @param flowMismatchReadings  consecutive disagreeing readings that flag the counter as miscounting; default 3
 * @param trendWindow           occupancy history the forecast fits its trend to; default 10 min
 * @param trendMinSpan          the forecast needs at least this much history; default 5 min
 * @param forecastHorizon       warn ahead when the next level is this close or closer; default 10 min
 * @param forecastMinRiseShare  minimum rise, as a share of capacity per minute, worth a forecast: slower rises are
 *                              the day's ordinary ebb and flow and counting noise; default 0.01 (1 %/min)
 * @param forecastHoldReadings  consecutive readings that must agree before a forecast is raised or cleared;
 *                              default 2
 * @param forecastRefresh       an open forecast is re-sent with fresh figures at most this often while its level
 *                              stays the same (the minutes to the level change all the time); default 1 min
 * @param inflowLimitPerMin     entrance inflow limit in people/min; 0 = derive from the zone as
 *                              capacity / inflowFillTime; default 0
 * @param inflowFillTime        the derived inflow limit is the rate that fills the zone in this time;
 *                              default 10 min (limit = capacity / 10 per minute)
 * @param inflowMinDuration     inflow above the limit this long raises CROWD_INFLOW; default 1 min
 * @param inflowClearRatio      CROWD_INFLOW clears below this fraction of the limit ...; default 0.8
 * @param inflowClearAfter      ... held this long; default 2 min
 */
public record CrowdSettings(double blueDensity, double yellowDensity, double orangeDensity, double redDensity,
                            double blueCapacityShare, double yellowCapacityShare, double orangeCapacityShare,
                            double redCapacityShare, double clearRatio, Duration minDuration, Duration clearAfter,
                            double flowMismatchRatio, int flowMismatchMinPeople, int flowMismatchReadings,
                            Duration trendWindow, Duration trendMinSpan, Duration forecastHorizon,
                            double forecastMinRiseShare, int forecastHoldReadings, Duration forecastRefresh,
                            double inflowLimitPerMin,
                            Duration inflowFillTime, Duration inflowMinDuration, double inflowClearRatio,
                            Duration inflowClearAfter) implements Serializable {

    private static final String P = "detect.crowd.";

    public CrowdSettings {
        positive("blueDensity", blueDensity);
        increasing("yellowDensity", yellowDensity, "blueDensity", blueDensity);
        increasing("orangeDensity", orangeDensity, "yellowDensity", yellowDensity);
        increasing("redDensity", redDensity, "orangeDensity", orangeDensity);
        double[] shares = {blueCapacityShare, yellowCapacityShare, orangeCapacityShare, redCapacityShare};
        String[] names = {"blueCapacityShare", "yellowCapacityShare", "orangeCapacityShare", "redCapacityShare"};
        double previous = 0;
        String previousName = null;
        for (int i = 0; i < shares.length; i++) {
            if (!(shares[i] >= 0) || Double.isInfinite(shares[i])) {
                throw invalid(names[i] + " must be >= 0 (0 = no capacity criterion)", shares[i]);
            }
            if (shares[i] > 0) {
                if (shares[i] <= previous) {
                    throw invalid(names[i] + " must be > " + previousName + " (" + previous + ")", shares[i]);
                }
                previous = shares[i];
                previousName = names[i];
            }
        }
        fraction("clearRatio", clearRatio);
        positive("minDuration", minDuration);
        positive("clearAfter", clearAfter);
        fraction("flowMismatchRatio", flowMismatchRatio);
        atLeast("flowMismatchMinPeople", flowMismatchMinPeople, 0);
        atLeast("flowMismatchReadings", flowMismatchReadings, 1);
        positive("trendWindow", trendWindow);
        positive("trendMinSpan", trendMinSpan);
        if (trendMinSpan.compareTo(trendWindow) > 0) {
            throw new IllegalArgumentException(P + "trendMinSpan must be <= trendWindow (" + trendWindow
                    + "), was " + trendMinSpan);
        }
        positive("forecastHorizon", forecastHorizon);
        if (!(forecastMinRiseShare >= 0) || Double.isInfinite(forecastMinRiseShare)) {
            throw invalid("forecastMinRiseShare must be >= 0", forecastMinRiseShare);
        }
        atLeast("forecastHoldReadings", forecastHoldReadings, 1);
        positive("forecastRefresh", forecastRefresh);
        if (!(inflowLimitPerMin >= 0) || Double.isInfinite(inflowLimitPerMin)) {
            throw invalid("inflowLimitPerMin must be >= 0 (0 = derive from the zone)", inflowLimitPerMin);
        }
        positive("inflowFillTime", inflowFillTime);
        positive("inflowMinDuration", inflowMinDuration);
        fraction("inflowClearRatio", inflowClearRatio);
        positive("inflowClearAfter", inflowClearAfter);
    }

    public static CrowdSettings defaults() {
        // The thresholds the simulator's ground truth also uses are defined once, in CrowdThresholds.
        return new CrowdSettings(
                CrowdThresholds.BLUE_DENSITY, CrowdThresholds.YELLOW_DENSITY, CrowdThresholds.ORANGE_DENSITY,
                CrowdThresholds.RED_DENSITY,
                CrowdThresholds.BLUE_CAPACITY_SHARE, CrowdThresholds.YELLOW_CAPACITY_SHARE,
                CrowdThresholds.ORANGE_CAPACITY_SHARE, CrowdThresholds.RED_CAPACITY_SHARE,
                CrowdThresholds.CLEAR_RATIO, CrowdThresholds.MIN_DURATION, CrowdThresholds.CLEAR_AFTER, // hysteresis
                0.2, 5, 3,                                               // flow cross-check
                Duration.ofMinutes(10), Duration.ofMinutes(5), CrowdThresholds.FORECAST_HORIZON, 0.01, 2,
                Duration.ofMinutes(1),                                   // forecast
                0, CrowdThresholds.INFLOW_FILL_TIME, CrowdThresholds.INFLOW_MIN_DURATION, 0.8,
                Duration.ofMinutes(2));                                  // inflow
    }

    /** The inflow limit of {@code capacity}, people per minute. */
    public double inflowLimitPerMin(int capacity) {
        return inflowLimitPerMin > 0 ? inflowLimitPerMin : capacity * 60_000.0 / inflowFillTime.toMillis();
    }

    private static void positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw invalid(name + " must be > 0", value);
        }
    }

    private static void increasing(String name, double value, String belowName, double below) {
        if (!(value > below) || Double.isInfinite(value)) {
            throw invalid(name + " must be > " + belowName + " (" + below + ")", value);
        }
    }

    private static void fraction(String name, double value) {
        if (!(value > 0 && value < 1)) {
            throw invalid(name + " must be between 0 and 1 (exclusive)", value);
        }
    }

    private static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(P + name + " must be >= " + min + " (was " + value + ")");
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(P + name + " must be a positive duration (was " + value + ")");
        }
    }

    private static IllegalArgumentException invalid(String what, double value) {
        return new IllegalArgumentException(P + what + " (was " + value + ")");
    }
}
