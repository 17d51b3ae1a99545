package io.anju.jobs.input;

import io.anju.common.model.LocationChain;

/**
 * One video-analytics detection (ebike_in_elevator, smoke, flame, fire_lane_blocked, intrusion, gathering), with
 * what the camera watches and its building from the registry, and the reference of its evidence snapshot.
 */
public record CameraDetection(String deviceId, long ts, LocationChain location, String kind, double confidence,
                              String snapshotId, String watches, String building) {
}
