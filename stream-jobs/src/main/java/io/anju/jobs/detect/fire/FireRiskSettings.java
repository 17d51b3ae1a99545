package io.anju.jobs.detect.fire;

import io.anju.common.charger.ChargerThresholds;

import java.io.Serializable;
import java.time.Duration;

/**
 * Thresholds of the charger fire-risk fusion (domain.md, "E-bike chargers", and issue 3).
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

    public FireRiskSettings {
        requirePositive("riseRate", riseRate);
        requirePositive("riseWindow", riseWindow);
        if (!(minRateRatio > 0 && minRateRatio <= 1)) {
            throw invalid("minRateRatio must be in (0, 1]", minRateRatio);
        }
        if (!(riseFloorC < yellowC)) {
            throw invalid("yellowC must be > riseFloorC", yellowC);
        }
        if (!(yellowC < overTempC)) {
            throw invalid("overTempC must be > yellowC", overTempC);
        }
        if (!(clearBelowC <= overTempC)) {
            throw invalid("clearBelowC must be <= overTempC", clearBelowC);
        }
        requirePositive("leakageMa", leakageMa);
        requirePositive("clearAfter", clearAfter);
        requirePositive("reportingGap", reportingGap);
        requirePositive("cameraConfirmWindow", cameraConfirmWindow);
    }

    public static FireRiskSettings defaults() {
        return new FireRiskSettings(2.0, Duration.ofMinutes(3), 48.0, 0.8, 55.0, ChargerThresholds.PORT_OVER_TEMP_C, 60.0, 30.0,
                Duration.ofMinutes(10), Duration.ofMinutes(3), Duration.ofSeconds(30));
    }

    private static void requirePositive(String name, double v) {
        if (!(v > 0)) {
            throw invalid(name + " must be > 0", v);
        }
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw invalid(name + " must be > 0", d);
        }
    }

    private static IllegalArgumentException invalid(String what, Object was) {
        return new IllegalArgumentException("detect.fireRisk." + what + " (was " + was + ")");
    }
}
