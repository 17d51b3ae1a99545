package io.anju.jobs.detect.charger;

import io.anju.common.alert.AlertFact;
import io.anju.common.alert.Severity;
import io.anju.jobs.input.ChargerLimits;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * Station overload without Flink: the station total at or above the refuse line is yellow, at or above the limit
 * red. With hysteresis: an open red alert steps down to yellow only below {@code clearRatio} × limit, and an open
 * alert clears only below {@code clearRatio} × refuse line, so a total hovering at a line does not flap.
 */
public final class StationOverloadRule implements Serializable {
    public static final String ACTION_YELLOW = "check_station_load";
    public static final String ACTION_RED = "reduce_station_load";

    private final StationOverloadSettings settings;

    public StationOverloadRule(StationOverloadSettings settings) {
        this.settings = settings;
    }

    /**
     * The severity for a station drawing {@code totalW} whose open alert has severity {@code open} (null when none is
     * open); null means no alert (clear the open one).
     */
    public Severity severity(Severity open, double totalW, ChargerLimits limits) {
        double clear = settings.clearRatio();
        if (totalW >= limits.stationLimitW() || (open == Severity.RED && totalW >= clear * limits.stationLimitW())) {
            return Severity.RED;
        }
        if (totalW >= limits.stationRefuseW() || (open != null && totalW >= clear * limits.stationRefuseW())) {
            return Severity.YELLOW;
        }
        return null;
    }

    public static String action(Severity s) {
        return s == Severity.RED ? ACTION_RED : ACTION_YELLOW;
    }

    public static String summary(String deviceId, Severity s, double totalW, ChargerLimits limits) {
        String line = s == Severity.RED
                ? "at or past its " + ChargerText.watts(limits.stationLimitW()) + " limit"
                : "past its " + ChargerText.watts(limits.stationRefuseW()) + " refuse line (limit "
                + ChargerText.watts(limits.stationLimitW()) + ")";
        return "Station " + deviceId + " draws " + ChargerText.watts(totalW) + " in total, " + line;
    }

    /** The station's total against the line it passed: the limit when red, else the refuse line. */
    public static List<AlertFact> facts(Severity s, double totalW, ChargerLimits limits) {
        return List.of(AlertFact.against("totalW", totalW, "W",
                        s == Severity.RED ? limits.stationLimitW() : limits.stationRefuseW()),
                AlertFact.figure("stationLimitW", limits.stationLimitW(), "W"));
    }

    public String clearSummary(String deviceId, double totalW, ChargerLimits limits) {
        return String.format(Locale.ROOT, "Station %s back to %s in total, below %.0f %% of its %s refuse line",
                deviceId, ChargerText.watts(totalW), settings.clearRatio() * 100,
                ChargerText.watts(limits.stationRefuseW()));
    }
}
