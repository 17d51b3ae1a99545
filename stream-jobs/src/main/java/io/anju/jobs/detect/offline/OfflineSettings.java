package io.anju.jobs.detect.offline;

import io.anju.common.config.Require;
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
        Require.that(heartbeats != null, "detect.offline.heartbeats", null, "must be set");
        EnumMap<DeviceType, Duration> copy = new EnumMap<>(DeviceType.class);
        for (DeviceType type : DeviceType.values()) {
            String name = "detect.offline.heartbeat." + type.wireName();
            Duration beat = heartbeats.get(type);
            Require.that(beat != null, name, null, "is missing (every device type needs a heartbeat)");
            copy.put(type, Require.positive(name, beat));
        }
        Require.atLeast("detect.offline.missedHeartbeats", missedHeartbeats, 1);
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
