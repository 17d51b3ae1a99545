package io.anju.jobs.detect.crowd;

import io.anju.common.config.Require;
import io.anju.common.config.Setting;
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

    /** Only code sets these (no flag or variable does): failures name them by this prefix and the field. */
    private static final String P = "detect.crowd.";

    public CrowdSettings {
        Require.positive(P + "blueDensity", blueDensity);
        above("yellowDensity", yellowDensity, "blueDensity", blueDensity);
        above("orangeDensity", orangeDensity, "yellowDensity", yellowDensity);
        above("redDensity", redDensity, "orangeDensity", orangeDensity);
        double[] shares = {blueCapacityShare, yellowCapacityShare, orangeCapacityShare, redCapacityShare};
        String[] names = {"blueCapacityShare", "yellowCapacityShare", "orangeCapacityShare", "redCapacityShare"};
        double previous = 0;
        String previousName = null;
        for (int i = 0; i < shares.length; i++) {
            notNegative(names[i], shares[i], " (0 = no capacity criterion)");
            if (shares[i] > 0) {
                above(names[i], shares[i], previousName, previous);
                previous = shares[i];
                previousName = names[i];
            }
        }
        fraction("clearRatio", clearRatio);
        Require.positive(P + "minDuration", minDuration);
        Require.positive(P + "clearAfter", clearAfter);
        fraction("flowMismatchRatio", flowMismatchRatio);
        Require.atLeast(P + "flowMismatchMinPeople", flowMismatchMinPeople, 0);
        Require.atLeast(P + "flowMismatchReadings", flowMismatchReadings, 1);
        Require.positive(P + "trendWindow", trendWindow);
        Require.positive(P + "trendMinSpan", trendMinSpan);
        Require.that(trendMinSpan.compareTo(trendWindow) <= 0, P + "trendMinSpan", trendMinSpan,
                "must not exceed trendWindow (" + Setting.format(trendWindow) + ")");
        Require.positive(P + "forecastHorizon", forecastHorizon);
        notNegative("forecastMinRiseShare", forecastMinRiseShare, "");
        Require.atLeast(P + "forecastHoldReadings", forecastHoldReadings, 1);
        Require.positive(P + "forecastRefresh", forecastRefresh);
        notNegative("inflowLimitPerMin", inflowLimitPerMin, " (0 = derive from the zone)");
        Require.positive(P + "inflowFillTime", inflowFillTime);
        Require.positive(P + "inflowMinDuration", inflowMinDuration);
        fraction("inflowClearRatio", inflowClearRatio);
        Require.positive(P + "inflowClearAfter", inflowClearAfter);
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

    /** A level's figure above the level below it (no figure is infinite). */
    private static void above(String name, double value, String belowName, double below) {
        Require.that(value > below && Double.isFinite(value), P + name, value,
                "must be above " + belowName + " (" + below + ")");
    }

    private static void fraction(String name, double value) {
        Require.that(value > 0 && value < 1, P + name, value, "must be between 0 and 1 (exclusive)");
    }

    private static void notNegative(String name, double value, String zeroMeans) {
        Require.that(value >= 0 && Double.isFinite(value), P + name, value, "must be at least 0" + zeroMeans);
    }
}
