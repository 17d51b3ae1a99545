package io.anju.gateway.snapshot;

import java.util.Optional;

/** Storage for evidence images, per device: within a device the key of an image is the SHA-256 of its bytes. */
public interface BlobStore {

    /**
     * Stores the bytes (a no-op but for refreshing their time when the device sent them before) and returns their
     * SHA-256 as lower-case hex; throws when they cannot be stored, or may not be (the disk is low).
     */
    String put(SnapshotOwner owner, byte[] content);

    Optional<byte[]> get(SnapshotOwner owner, String sha256);

    boolean exists(SnapshotOwner owner, String sha256);
}
