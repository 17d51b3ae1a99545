package io.anju.gateway.snapshot;

import java.time.Duration;

/**
 * How long and how much of the snapshot store is kept. Built from the gateway's settings table
 * ({@code GatewayConfig.snapshotRetention()}), which has checked every value.
 *
 * @param maxAge         age after which an image is deleted ({@code snapshot.retention})
 * @param faceMaxAge     the same for face images ({@code snapshot.faceRetention}, see {@link SnapshotKind})
 * @param deviceMaxBytes bytes kept per device; beyond them its oldest go ({@code snapshot.maxBytesPerDevice})
 * @param totalMaxBytes  bytes kept in all; beyond them the oldest go ({@code snapshot.maxTotalBytes})
 * @param sweepInterval  time between sweeps of the whole store ({@code snapshot.sweepInterval})
 */
public record RetentionLimits(Duration maxAge, Duration faceMaxAge, long deviceMaxBytes, long totalMaxBytes,
                              Duration sweepInterval) {
    /**
     * A store past a size limit is trimmed to this share of it, so that a device sending at its quota does not cost a
     * sweep per image.
     */
    public static final double TRIM_TO = 0.9;

    public Duration maxAge(SnapshotKind kind) {
        return kind == SnapshotKind.FACE ? faceMaxAge : maxAge;
    }
}
