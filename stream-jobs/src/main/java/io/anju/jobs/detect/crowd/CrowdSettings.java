package io.anju.jobs.detect.crowd;

import io.anju.common.config.ConfigValues;
import io.anju.common.config.Require;
import io.anju.common.config.Setting;
import io.anju.common.crowd.CrowdThresholds;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

import static io.anju.common.config.Setting.decimal;
import static io.anju.common.config.Setting.duration;
import static io.anju.common.config.Setting.integer;

/**
 * Thresholds of the Beiyuanmen crowd rules (density levels, forecast, inflow); defaults from domain.md.
 * A level is reached at its density <em>or</em> at its share of the zone's capacity, whichever comes first.
 * Settings and bounds: {@link #SETTINGS}; the record checks only that the levels rise and the trend's span fits.
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

    // The thresholds the simulator's ground truth also uses are defined once, in CrowdThresholds.
    public static final List<Setting> SETTINGS = List.of(
            decimal(P + "blueDensity", CrowdThresholds.BLUE_DENSITY, 0.01, 20, "crowd_density: persons/m² for blue"),
            decimal(P + "yellowDensity", CrowdThresholds.YELLOW_DENSITY, 0.01, 20, "crowd_density: persons/m² for yellow (above blue)"),
            decimal(P + "orangeDensity", CrowdThresholds.ORANGE_DENSITY, 0.01, 20, "crowd_density: persons/m² for orange (above yellow)"),
            decimal(P + "redDensity", CrowdThresholds.RED_DENSITY, 0.01, 20, "crowd_density: persons/m² for red (above orange)"),
            decimal(P + "blueCapacityShare", CrowdThresholds.BLUE_CAPACITY_SHARE, 0, 10, "crowd_density: share of the zone capacity for blue; 0 = no capacity criterion"),
            decimal(P + "yellowCapacityShare", CrowdThresholds.YELLOW_CAPACITY_SHARE, 0, 10, "crowd_density: share of the zone capacity for yellow (above the lower levels' shares); 0 = none"),
            decimal(P + "orangeCapacityShare", CrowdThresholds.ORANGE_CAPACITY_SHARE, 0, 10, "crowd_density: share of the zone capacity for orange; 0 = none"),
            decimal(P + "redCapacityShare", CrowdThresholds.RED_CAPACITY_SHARE, 0, 10, "crowd_density: share of the zone capacity for red; 0 = none"),
            decimal(P + "clearRatio", CrowdThresholds.CLEAR_RATIO, 0.01, 0.99, "crowd_density: a level goes down only below this share of its threshold"),
            duration(P + "minDuration", Setting.format(CrowdThresholds.MIN_DURATION), "1s", "1h", "crowd_density: a level must hold this long before it is raised or raised to"),
            duration(P + "clearAfter", Setting.format(CrowdThresholds.CLEAR_AFTER), "1s", "24h", "crowd_density: how long the occupancy stays below clearRatio × the threshold before the level goes down or clears"),
            decimal(P + "flowMismatchRatio", 0.2, 0.01, 0.99, "Counter cross-check: count and previous count + in − out disagree by more than this share ..."),
            integer(P + "flowMismatchMinPeople", 5, 0, 100_000, "... and by more than this many people"),
            integer(P + "flowMismatchReadings", 3, 1, 100, "... for this many readings in a row: the counter is named suspect"),
            duration(P + "trendWindow", "10m", "1m", "24h", "crowd_forecast: occupancy history the trend is fitted to"),
            duration(P + "trendMinSpan", "5m", "10s", "24h", "crowd_forecast: history needed for a forecast (at most trendWindow)"),
            duration(P + "forecastHorizon", Setting.format(CrowdThresholds.FORECAST_HORIZON), "1m", "24h", "crowd_forecast: warns when the next level is this close or closer"),
            decimal(P + "forecastMinRiseShare", 0.01, 0, 1, "crowd_forecast: least rise worth a forecast, as a share of capacity per minute"),
            integer(P + "forecastHoldReadings", 2, 1, 100, "crowd_forecast: readings in a row that must agree before a forecast is raised or cleared"),
            duration(P + "forecastRefresh", "1m", "1s", "1h", "crowd_forecast: an open forecast is re-sent with fresh figures at most this often"),
            decimal(P + "inflowLimitPerMin", 0, 0, 1_000_000, "crowd_inflow: entrance inflow limit (people/min); 0 = capacity / inflowFillTime"),
            duration(P + "inflowFillTime", Setting.format(CrowdThresholds.INFLOW_FILL_TIME), "1m", "24h", "crowd_inflow: the derived limit is the rate that fills the zone in this time"),
            duration(P + "inflowMinDuration", Setting.format(CrowdThresholds.INFLOW_MIN_DURATION), "1s", "1h", "crowd_inflow: inflow above the limit this long raises it"),
            decimal(P + "inflowClearRatio", 0.8, 0.01, 0.99, "crowd_inflow: clears below this share of the limit ..."),
            duration(P + "inflowClearAfter", "2m", "1s", "24h", "... held this long"));

    public CrowdSettings {
        above("yellowDensity", yellowDensity, "blueDensity", blueDensity);
        above("orangeDensity", orangeDensity, "yellowDensity", yellowDensity);
        above("redDensity", redDensity, "orangeDensity", orangeDensity);
        double[] shares = {blueCapacityShare, yellowCapacityShare, orangeCapacityShare, redCapacityShare};
        String[] names = {"blueCapacityShare", "yellowCapacityShare", "orangeCapacityShare", "redCapacityShare"};
        double previous = 0;
        String previousName = null;
        for (int i = 0; i < shares.length; i++) {
            if (shares[i] > 0) {
                if (previousName != null) {
                    above(names[i], shares[i], previousName, previous);
                }
                previous = shares[i];
                previousName = names[i];
            }
        }
        Require.that(trendMinSpan.compareTo(trendWindow) <= 0, P + "trendMinSpan", trendMinSpan,
                "must not exceed " + P + "trendWindow (" + Setting.format(trendWindow) + ")");
    }

    public static CrowdSettings from(ConfigValues v) {
        return new CrowdSettings(v.dbl(P + "blueDensity"), v.dbl(P + "yellowDensity"), v.dbl(P + "orangeDensity"),
                v.dbl(P + "redDensity"), v.dbl(P + "blueCapacityShare"), v.dbl(P + "yellowCapacityShare"),
                v.dbl(P + "orangeCapacityShare"), v.dbl(P + "redCapacityShare"), v.dbl(P + "clearRatio"),
                v.d(P + "minDuration"), v.d(P + "clearAfter"), v.dbl(P + "flowMismatchRatio"),
                v.i(P + "flowMismatchMinPeople"), v.i(P + "flowMismatchReadings"), v.d(P + "trendWindow"),
                v.d(P + "trendMinSpan"), v.d(P + "forecastHorizon"), v.dbl(P + "forecastMinRiseShare"),
                v.i(P + "forecastHoldReadings"), v.d(P + "forecastRefresh"), v.dbl(P + "inflowLimitPerMin"),
                v.d(P + "inflowFillTime"), v.d(P + "inflowMinDuration"), v.dbl(P + "inflowClearRatio"),
                v.d(P + "inflowClearAfter"));
    }

    public static CrowdSettings defaults() {
        return from(ConfigValues.defaults(SETTINGS));
    }

    /** The inflow limit of {@code capacity}, people per minute. */
    public double inflowLimitPerMin(int capacity) {
        return inflowLimitPerMin > 0 ? inflowLimitPerMin : capacity * 60_000.0 / inflowFillTime.toMillis();
    }

    /** A level's figure above the level below it. */
    private static void above(String name, double value, String belowName, double below) {
        Require.that(value > below, P + name, value, "must be above " + P + belowName + " (" + below + ")");
    }
}
