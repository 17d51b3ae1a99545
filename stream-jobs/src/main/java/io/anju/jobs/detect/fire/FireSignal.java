package io.anju.jobs.detect.fire;

import io.anju.common.model.LocationChain;

/**
 * One fire-relevant observation, whatever device reported it, so that one operator keyed by compound sees all of
 * them.
 *
 * @param compoundId        the key: the compound of the device (the device id when the registry knows none)
 * @param deviceId          the charging station or the camera
 * @param ts                device time, Unix ms
 * @param kind              what was observed
 * @param port              the charger port, for {@link Kind#PORT_TEMP}
 * @param value             °C for a port temperature, mA for leakage, 1 or 0 for smoke; for a confirmed e-bike in
 *                          an elevator the seconds between its two detections
 * @param snapshotId        the camera's evidence snapshot (the later one of a confirmation)
 * @param earlierSnapshotId the first detection's snapshot of a confirmation
 * @param building          the camera's building
 * @param location          the device's location chain
 */
public record FireSignal(String compoundId, String deviceId, long ts, Kind kind, Integer port, double value,
                         String snapshotId, String earlierSnapshotId, String building, LocationChain location) {

    public enum Kind {
        /** A port temperature (telemetry or an overtemp event). */
        PORT_TEMP,
        /** A station's smoke state: telemetry flag (1 or 0) or a smoke event (1). */
        SMOKE,
        /** A station's residual current (telemetry or a leakage event). */
        LEAKAGE,
        /** One smoke detection of a video camera (counts only when the same camera confirms it). */
        CAMERA_SMOKE,
        /** One flame detection of a video camera (counts only when the same camera confirms it). */
        CAMERA_FLAME,
        /** Two e-bike-in-elevator detections of one camera within the confirmation window. */
        EBIKE_IN_ELEVATOR_CONFIRMED
    }
}
