package io.anju.dashboards.live;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the evidence image of a device's snapshot id is: its SHA-256 from {@code anju.snapshots}, and from that its
 * file in the gateway's blob store ({@code dir/ab/cd/<sha256>.jpg}). Keeps the newest {@code capacity} references.
 */
final class SnapshotIndex {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SNAPSHOT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Path dir;
    private final Map<String, String> shaByKey;

    SnapshotIndex(Path dir, int capacity) {
        this.dir = dir;
        this.shaByKey = new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Records a reference; returns false for one whose ids or hash are malformed (never a path outside the store). */
    synchronized boolean add(String deviceId, String snapshotId, String sha256) {
        if (deviceId == null || snapshotId == null || sha256 == null || !SNAPSHOT_ID.matcher(snapshotId).matches()
                || !SHA256.matcher(sha256).matches()) {
            return false;
        }
        shaByKey.put(key(deviceId, snapshotId), sha256);
        return true;
    }

    /** The image file, when the reference is known (the file itself may still be missing). */
    synchronized Optional<Path> file(String deviceId, String snapshotId) {
        String sha = shaByKey.get(key(deviceId, snapshotId));
        return sha == null ? Optional.empty()
                : Optional.of(dir.resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha + ".jpg"));
    }

    private static String key(String deviceId, String snapshotId) {
        return deviceId + '\n' + snapshotId;
    }
}
