package io.anju.jobs.detect.offline;

import io.anju.common.model.DeviceType;

import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Thresholds of the device offline detector. A device is offline after {@code missedHeartbeats} heartbeat intervals
 * of its type without any message (domain.md: heartbeat every 90 s, offline after 3 missed heartbeats).
 *
 * @param heartbeats       per device type, the longest regular gap between two messages of a live device: every type
 *                         sends {@code status} every 90 s (docs/device-protocol.md); default 90 s for every type.
 *                         Crowd counters also send telemetry every 10 s, but 90 s stays their guaranteed beat.
 * @param missedHeartbeats how many intervals of silence make a device offline; default 3 (so 270 s by default)
 */
public record OfflineSettings(Map<DeviceType, Duration> heartbeats, int missedHeartbeats) implements Serializable {
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(90);
    public static final int DEFAULT_MISSED_HEARTBEATS = 3;

    public OfflineSettings {
        if (heartbeats == null) {
            throw new IllegalArgumentException("detect.offline.heartbeats must not be null");
        }
        EnumMap<DeviceType, Duration> copy = new EnumMap<>(DeviceType.class);
        for (DeviceType type : DeviceType.values()) {
            Duration beat = heartbeats.get(type);
            String name = "detect.offline.heartbeat." + type.wireName();
            if (beat == null) {
                throw new IllegalArgumentException(name + " is missing (every device type needs a heartbeat)");
            }
            if (beat.isNegative() || beat.isZero()) {
                throw new IllegalArgumentException(name + " must be > 0 (was " + beat + ")");
            }
            copy.put(type, beat);
        }
        if (missedHeartbeats < 1) {
            throw new IllegalArgumentException(
                    "detect.offline.missedHeartbeats must be >= 1 (was " + missedHeartbeats + ")");
        }
        heartbeats = Collections.unmodifiableMap(copy);
    }

    public static OfflineSettings defaults() {
        EnumMap<DeviceType, Duration> beats = new EnumMap<>(DeviceType.class);
        for (DeviceType type : DeviceType.values()) {
            beats.put(type, DEFAULT_HEARTBEAT);
        }
        return new OfflineSettings(beats, DEFAULT_MISSED_HEARTBEATS);
    }

    public Duration heartbeat(DeviceType type) {
        return heartbeats.get(type);
    }

    /** The silence after which a device of this type is offline: heartbeat × missed heartbeats. */
    public Duration timeout(DeviceType type) {
        return heartbeat(type).multipliedBy(missedHeartbeats);
    }

    public OfflineSettings withHeartbeat(DeviceType type, Duration beat) {
        EnumMap<DeviceType, Duration> beats = new EnumMap<>(heartbeats);
        beats.put(type, beat);
        return new OfflineSettings(beats, missedHeartbeats);
    }

    public OfflineSettings withMissedHeartbeats(int missed) {
        return new OfflineSettings(heartbeats, missed);
    }
}
