package io.anju.jobs.detect.charger;

import io.anju.common.config.ConfigValues;
import io.anju.common.config.Setting;

import java.io.Serializable;
import java.util.List;

import static io.anju.common.config.Setting.decimal;

/**
 * Settings of the station overload rule. The refuse line (7.8 kW) and the limit (8.7 kW) come from the registry with
 * each reading ({@code ChargerLimits}); this only sets the hysteresis. Settings and bounds: {@link #SETTINGS}.
 *
 * @param clearRatio an open alert clears only when the total is below this share of the refuse line, and a red one
 *                   steps down to yellow only below this share of the limit, so a total hovering at a line does not
 *                   flap; default 0.95
 */
public record StationOverloadSettings(double clearRatio) implements Serializable {
    public static final List<Setting> SETTINGS = List.of(
            decimal("detect.stationOverload.clearRatio", 0.95, 0.5, 1, "station_overload: clears below this share of the refuse line; red steps down below this share of the limit (1 = no hysteresis)"));

    public static StationOverloadSettings from(ConfigValues v) {
        return new StationOverloadSettings(v.dbl("detect.stationOverload.clearRatio"));
    }

    public static StationOverloadSettings defaults() {
        return from(ConfigValues.defaults(SETTINGS));
    }
}
