package io.anju.gateway.kafka;

/** The payload of the {@code anju.snapshots} envelope: where the image is, not the image. */
public record SnapshotReference(String snapshotId, String sha256, int size, String contentType) {
}
