package io.anju.gateway.snapshot;

import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.snapshot.SnapshotFiles;

import java.nio.file.Path;

/** The device whose images these are: its quota, its kind of image and its directory in the store. */
public record SnapshotOwner(DeviceType type, String deviceId) {

    public static SnapshotOwner of(Device device) {
        return new SnapshotOwner(device.type(), device.id());
    }

    public SnapshotKind kind() {
        return SnapshotKind.of(type);
    }

    Path dir(Path root) {
        return SnapshotFiles.deviceDir(root, type, deviceId);
    }

    Path file(Path root, String sha256) {
        return SnapshotFiles.of(root, type, deviceId, sha256);
    }

    @Override
    public String toString() {
        return type.wireName() + "/" + deviceId;
    }
}
