package io.anju.jobs.detect.fire;

import java.io.Serializable;
import java.time.Duration;

/**
 * The e-bike-in-elevator rule (domain.md, "Video events").
 *
 * @param confirmWindow two detections of the same camera within this confirm an e-bike in the elevator; default 5 s
 * @param clearAfter    the building advisory clears after this much device time without a new confirmation;
 *                      default 10 min
 */
public record ElevatorSettings(Duration confirmWindow, Duration clearAfter) implements Serializable {

    public ElevatorSettings {
        requirePositive("confirmWindow", confirmWindow);
        requirePositive("clearAfter", clearAfter);
    }

    public static ElevatorSettings defaults() {
        return new ElevatorSettings(Duration.ofSeconds(5), Duration.ofMinutes(10));
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("detect.ebikeElevator." + name + " must be > 0 (was " + d + ")");
        }
    }
}
