package io.anju.common.snapshot;

import io.anju.common.model.DeviceType;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where an evidence image is kept: {@code <snapshot.dir>/<type>/<deviceId>/<ab>/<sha256>.jpg}, {@code ab} being the
 * first two hex digits of the hash. The gateway writes there, its retention sweeper reads each image's device (and so
 * its kind and quota) back from the path, and the dashboards serve from it: the one definition all three use.
 */
public final class SnapshotFiles {
    /** The file name suffix of every stored image. */
    public static final String SUFFIX = ".jpg";

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    /** The registry's device id characters; length bounded again here because the id becomes a directory name. */
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private SnapshotFiles() {
    }

    public static boolean isSha256(String s) {
        return s != null && SHA256_HEX.matcher(s).matches();
    }

    /** True for an id that is safe as one path segment (never {@code .} or {@code ..}). */
    public static boolean isDeviceId(String s) {
        return s != null && DEVICE_ID.matcher(s).matches() && !s.chars().allMatch(c -> c == '.');
    }

    /** The directory of one device's images. */
    public static Path deviceDir(Path root, DeviceType type, String deviceId) {
        if (!isDeviceId(deviceId)) {
            throw new IllegalArgumentException("not a device id usable as a directory: " + deviceId);
        }
        return root.resolve(type.wireName()).resolve(deviceId);
    }

    /** The file of the image with hash {@code sha256} sent by the device. */
    public static Path of(Path root, DeviceType type, String deviceId, String sha256) {
        if (!isSha256(sha256)) {
            throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256);
        }
        return deviceDir(root, type, deviceId).resolve(sha256.substring(0, 2)).resolve(sha256 + SUFFIX);
    }
}
