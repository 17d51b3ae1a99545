package io.anju.jobs.detect.charger;

import java.io.Serializable;

/**
 * Settings of the station overload rule. The refuse line (7.8 kW) and the limit (8.7 kW) come from the registry with
 * each reading ({@code ChargerLimits}); this only sets the hysteresis.
 *
 * @param clearRatio an open alert clears only when the total is below this share of the refuse line, and a red one
 *                   steps down to yellow only below this share of the limit, so a total hovering at a line does not
 *                   flap; default 0.95
 */
public record StationOverloadSettings(double clearRatio) implements Serializable {

    public StationOverloadSettings {
        if (!(clearRatio > 0 && clearRatio <= 1)) {
            throw new IllegalArgumentException(
                    "detect.stationOverload.clearRatio must be in (0, 1] (was " + clearRatio + ")");
        }
    }

    public static StationOverloadSettings defaults() {
        return new StationOverloadSettings(0.95);
    }
}
