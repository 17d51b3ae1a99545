package io.anju.jobs.detect.offline;

import io.anju.common.config.ConfigValues;
import io.anju.common.config.Require;
import io.anju.common.config.Setting;
import io.anju.common.model.DeviceType;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static io.anju.common.config.Setting.duration;
import static io.anju.common.config.Setting.integer;

/**
 * Thresholds of the device offline detector. A device is offline after {@code missedHeartbeats} heartbeat intervals
 * of its type without any message (domain.md: heartbeat every 90 s, offline after 3 missed heartbeats). Settings and
 * bounds: {@link #SETTINGS}, a heartbeat per device type.
 *
 * @param heartbeats       per device type, the longest regular gap between two messages of a live device: every type
 *                         sends {@code status} every 90 s (docs/device-protocol.md); default 90 s for every type.
 *                         Crowd counters also send telemetry every 10 s, but 90 s stays their guaranteed beat.
 * @param missedHeartbeats how many intervals of silence make a device offline; default 3 (so 270 s by default)
 */
public record OfflineSettings(Map<DeviceType, Duration> heartbeats, int missedHeartbeats) implements Serializable {
    private static final String P = "detect.offline.";

    public static final List<Setting> SETTINGS = settings();

    public OfflineSettings {
        EnumMap<DeviceType, Duration> copy = new EnumMap<>(DeviceType.class);
        for (DeviceType type : DeviceType.values()) {
            Duration beat = heartbeats.get(type);
            Require.that(beat != null, heartbeatKey(type), null, "is missing (every device type needs a heartbeat)");
            copy.put(type, beat);
        }
        heartbeats = Collections.unmodifiableMap(copy);
    }

    private static List<Setting> settings() {
        List<Setting> list = new ArrayList<>();
        for (DeviceType type : DeviceType.values()) {
            list.add(duration(heartbeatKey(type), "90s", "1s", "1h", "device_offline: the longest regular gap between two messages of a live " + type.wireName() + " (its status beat)"));
        }
        list.add(integer(P + "missedHeartbeats", 3, 1, 100, "device_offline: heartbeats of silence that make a device offline"));
        return List.copyOf(list);
    }

    private static String heartbeatKey(DeviceType type) {
        return P + "heartbeat." + type.wireName();
    }

    public static OfflineSettings from(ConfigValues v) {
        EnumMap<DeviceType, Duration> beats = new EnumMap<>(DeviceType.class);
        for (DeviceType type : DeviceType.values()) {
            beats.put(type, v.d(heartbeatKey(type)));
        }
        return new OfflineSettings(beats, v.i(P + "missedHeartbeats"));
    }

    public static OfflineSettings defaults() {
        return from(ConfigValues.defaults(SETTINGS));
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
}
