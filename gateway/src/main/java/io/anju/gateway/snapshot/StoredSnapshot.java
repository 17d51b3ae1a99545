package io.anju.gateway.snapshot;

import java.nio.file.Path;

/**
 * One image in the store, as a sweep listed it.
 *
 * @param owner          the device that sent it; null for a file of the layout before images were kept per device
 *                       ({@code ab/cd/<sha256>.jpg}), whose device is unknown
 * @param modifiedMillis when it was stored (or last sent again)
 */
record StoredSnapshot(SnapshotOwner owner, Path file, long modifiedMillis, long bytes) {

    /** The image's kind; one of unknown device is treated as a face image, the stricter retention. */
    SnapshotKind kind() {
        return owner == null ? SnapshotKind.FACE : owner.kind();
    }
}
