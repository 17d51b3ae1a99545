package io.anju.jobs.detect.fire;

import io.anju.common.config.ConfigValues;
import io.anju.common.config.Setting;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

import static io.anju.common.config.Setting.duration;

/**
 * The e-bike-in-elevator rule (domain.md, "Video events"). Settings and bounds: {@link #SETTINGS}.
 *
 * @param confirmWindow two detections of the same camera within this confirm an e-bike in the elevator; default 5 s
 * @param clearAfter    the building advisory clears after this much device time without a new confirmation;
 *                      default 10 min
 */
public record ElevatorSettings(Duration confirmWindow, Duration clearAfter) implements Serializable {
    private static final String P = "detect.ebikeElevator.";

    public static final List<Setting> SETTINGS = List.of(
            duration(P + "confirmWindow", "5s", "100ms", "10m", "ebike_in_elevator: two detections of one camera within this confirm one"),
            duration(P + "clearAfter", "10m", "1s", "24h", "ebike_in_elevator: clears after this much device time without a new confirmation"));

    public static ElevatorSettings from(ConfigValues v) {
        return new ElevatorSettings(v.d(P + "confirmWindow"), v.d(P + "clearAfter"));
    }

    public static ElevatorSettings defaults() {
        return from(ConfigValues.defaults(SETTINGS));
    }
}
