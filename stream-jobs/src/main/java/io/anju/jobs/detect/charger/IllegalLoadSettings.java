package io.anju.jobs.detect.charger;

import io.anju.common.config.ConfigValues;
import io.anju.common.config.Setting;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

import static io.anju.common.config.Setting.decimal;
import static io.anju.common.config.Setting.duration;

/**
 * Thresholds of the illegal high-power load rule: a flat draw that does not taper is a heater or a modified battery,
 * not an e-bike charge (which starts at 150–400 W and tapers). Settings and bounds: {@link #SETTINGS}.
 *
 * @param minPowerW     every reading of a suspicious run draws at least this much; default 800 W
 * @param minDuration   how long the run must last before it is reported (orange, {@code inspect_port}); default 20 min
 * @param flatTolerance how far, as a share of the run's first reading, a reading may stray and still count as flat;
 *                      default 0.10 (10 %)
 */
public record IllegalLoadSettings(double minPowerW, Duration minDuration, double flatTolerance)
        implements Serializable {
    private static final String P = "detect.illegalLoad.";

    public static final List<Setting> SETTINGS = List.of(
            decimal(P + "minPowerW", 800, 1, 100_000, "illegal_high_power_load: every reading of the run draws at least this (W)"),
            duration(P + "minDuration", "20m", "1m", "24h", "illegal_high_power_load: how long the flat run must last"),
            decimal(P + "flatTolerance", 0.10, 0.01, 0.99, "illegal_high_power_load: how far a reading may stray from the run's first, as a share of it, and still count as flat"));

    public static IllegalLoadSettings from(ConfigValues v) {
        return new IllegalLoadSettings(v.dbl(P + "minPowerW"), v.d(P + "minDuration"), v.dbl(P + "flatTolerance"));
    }

    public static IllegalLoadSettings defaults() {
        return from(ConfigValues.defaults(SETTINGS));
    }
}
