package io.anju.jobs.detect.fire;

import io.anju.common.charger.ChargerThresholds;
import io.anju.common.config.ConfigValues;
import io.anju.common.config.Require;
import io.anju.common.config.Setting;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

import static io.anju.common.config.Setting.decimal;
import static io.anju.common.config.Setting.duration;

/**
 * Thresholds of the charger fire-risk fusion (domain.md, "E-bike chargers", and issue 3). Settings and bounds:
 * {@link #SETTINGS}; the record checks only the order of the temperatures.
 *
 * @param riseRate          a port temperature rising at least this fast (°C/min) is a fire sign; default 2.0
 * @param riseWindow        the rise must hold over this long, checked per third of it; default 3 min
 * @param riseFloorC        a rise only counts when the port is at least this warm (°C): a port heated by its load
 *                          approaches at most ambient + 30 °C with a time constant of about 5 min, so at the start
 *                          of a session (or of a heavy load) it rises faster than 2 °C/min for a few minutes, but
 *                          (in a shed up to 27 °C) never above 48 °C; default 48.0
 * @param minRateRatio      the rate of the last third of the window must be at least this fraction of the first
 *                          third's: a port settling at its charging temperature slows down exponentially (about
 *                          0.67 over 3 min with the 5-min time constant of a port), a runaway does not; default 0.8
 * @param yellowC           a rising port at or above this temperature (°C) is a yellow warning, below it blue;
 *                          default 55.0 (the top of the normal charging band)
 * @param overTempC         the vendors' over-temperature line (°C); counts only with a second sign; default
 *                          {@link ChargerThresholds#PORT_OVER_TEMP_C} (65.0)
 * @param clearBelowC       a fire risk does not clear while a port is at or above this (°C); default 60.0
 * @param leakageMa         residual current above this (mA) is a fault; default 30.0
 * @param clearAfter        device time without any sign before a fire risk or leakage fault clears; default 10 min
 * @param reportingGap      a station silent for longer than this does not clear (idle telemetry comes every 90 s);
 *                          default 3 min
 * @param cameraConfirmWindow two smoke or flame detections of the same camera within this are confirmed; default 30 s
 */
public record FireRiskSettings(double riseRate, Duration riseWindow, double riseFloorC, double minRateRatio,
                               double yellowC, double overTempC, double clearBelowC, double leakageMa,
                               Duration clearAfter, Duration reportingGap, Duration cameraConfirmWindow)
        implements Serializable {
    private static final String P = "detect.fireRisk.";

    public static final List<Setting> SETTINGS = List.of(
            decimal(P + "riseRate", 2.0, 0.1, 100, "fire_risk: a port temperature rising at least this fast (°C/min) is a fire sign"),
            duration(P + "riseWindow", "3m", "30s", "1h", "fire_risk: the rise must hold over this long, checked per third of it"),
            decimal(P + "riseFloorC", 48.0, 0, 200, "fire_risk: a rise counts only with the port at least this warm (°C; below yellowC)"),
            decimal(P + "minRateRatio", 0.8, 0.01, 1, "fire_risk: the last third's rate must be at least this share of the first third's (a port settling slows down)"),
            decimal(P + "yellowC", 55.0, 0, 200, "fire_risk: a rising port at or above this (°C) is yellow, below it blue (below overTempC)"),
            decimal(P + "overTempC", ChargerThresholds.PORT_OVER_TEMP_C, 0, 200, "fire_risk: the vendors' over-temperature line (°C); counts only with a second sign"),
            decimal(P + "clearBelowC", 60.0, 0, 200, "fire_risk: does not clear while a port is at or above this (°C; at most overTempC)"),
            decimal(P + "leakageMa", 30.0, 1, 1_000, "fire_risk, leakage_fault: residual current above this (mA) is a fault"),
            duration(P + "clearAfter", "10m", "1s", "24h", "fire_risk, leakage_fault: device time without any sign before it clears"),
            duration(P + "reportingGap", "3m", "1s", "24h", "fire_risk: a station silent longer than this does not clear"),
            duration(P + "cameraConfirmWindow", "30s", "1s", "1h", "fire_risk: two smoke or flame detections of one camera within this are confirmed"));

    public FireRiskSettings {
        below("riseFloorC", riseFloorC, "yellowC", yellowC);
        below("yellowC", yellowC, "overTempC", overTempC);
        Require.that(clearBelowC <= overTempC, P + "clearBelowC", clearBelowC,
                "must be at most " + P + "overTempC (" + overTempC + ")");
    }

    public static FireRiskSettings from(ConfigValues v) {
        return new FireRiskSettings(v.dbl(P + "riseRate"), v.d(P + "riseWindow"), v.dbl(P + "riseFloorC"),
                v.dbl(P + "minRateRatio"), v.dbl(P + "yellowC"), v.dbl(P + "overTempC"), v.dbl(P + "clearBelowC"),
                v.dbl(P + "leakageMa"), v.d(P + "clearAfter"), v.d(P + "reportingGap"), v.d(P + "cameraConfirmWindow"));
    }

    public static FireRiskSettings defaults() {
        return from(ConfigValues.defaults(SETTINGS));
    }

    private static void below(String name, double value, String aboveName, double above) {
        Require.that(value < above, P + name, value, "must be below " + P + aboveName + " (" + above + ")");
    }
}
