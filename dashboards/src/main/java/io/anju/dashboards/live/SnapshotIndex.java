package io.anju.dashboards.live;

import io.anju.common.model.DeviceType;
import io.anju.common.snapshot.SnapshotFiles;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the evidence image of a device's snapshot id is: its SHA-256 from {@code anju.snapshots}, and from that its
 * file in the gateway's blob store ({@link SnapshotFiles}). Keeps the newest {@code capacity} references.
 */
final class SnapshotIndex {
    private static final Pattern SNAPSHOT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Path dir;
    private final Map<String, Path> fileByKey;

    SnapshotIndex(Path dir, int capacity) {
        this.dir = dir;
        this.fileByKey = new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Path> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Records a reference; returns false for one whose ids or hash are malformed (never a path outside the store). */
    synchronized boolean add(String deviceId, DeviceType type, String snapshotId, String sha256) {
        if (type == null || !SnapshotFiles.isDeviceId(deviceId) || snapshotId == null
                || !SNAPSHOT_ID.matcher(snapshotId).matches() || !SnapshotFiles.isSha256(sha256)) {
            return false;
        }
        fileByKey.put(key(deviceId, snapshotId), SnapshotFiles.of(dir, type, deviceId, sha256));
        return true;
    }

    /**
     * The image file, when the reference is known. The file itself may be gone: the gateway's snapshot retention
     * deletes images past their age or beyond their quota while their references stay in Kafka.
     */
    synchronized Optional<Path> file(String deviceId, String snapshotId) {
        return Optional.ofNullable(fileByKey.get(key(deviceId, snapshotId)));
    }

    private static String key(String deviceId, String snapshotId) {
        return deviceId + '\n' + snapshotId;
    }
}
