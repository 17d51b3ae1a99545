package io.anju.jobs.detect.charger;

import java.io.Serializable;
import java.time.Duration;

/**
 * Thresholds of the illegal high-power load rule: a flat draw that does not taper is a heater or a modified battery,
 * not an e-bike charge (which starts at 150–400 W and tapers).
 *
 * @param minPowerW     every reading of a suspicious run draws at least this much; default 800 W
 * @param minDuration   how long the run must last before it is reported (orange, {@code inspect_port}); default 20 min
 * @param flatTolerance how far, as a share of the run's first reading, a reading may stray and still count as flat;
 *                      default 0.10 (10 %)
 */
public record IllegalLoadSettings(double minPowerW, Duration minDuration, double flatTolerance)
        implements Serializable {

    public IllegalLoadSettings {
        if (!(minPowerW > 0) || Double.isInfinite(minPowerW)) {
            throw new IllegalArgumentException("detect.illegalLoad.minPowerW must be > 0 (was " + minPowerW + ")");
        }
        if (minDuration == null || minDuration.isNegative() || minDuration.isZero()) {
            throw new IllegalArgumentException("detect.illegalLoad.minDuration must be > 0 (was " + minDuration + ")");
        }
        if (!(flatTolerance > 0 && flatTolerance < 1)) {
            throw new IllegalArgumentException(
                    "detect.illegalLoad.flatTolerance must be in (0, 1) (was " + flatTolerance + ")");
        }
    }

    public static IllegalLoadSettings defaults() {
        return new IllegalLoadSettings(800, Duration.ofMinutes(20), 0.10);
    }
}
