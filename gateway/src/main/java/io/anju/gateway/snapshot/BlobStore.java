package io.anju.gateway.snapshot;

import java.util.Optional;

/** Content-addressed storage for evidence images: the key of a blob is the SHA-256 of its bytes. */
public interface BlobStore {

    /** Stores the bytes (a no-op when they are already stored) and returns their SHA-256 as lower-case hex. */
    String put(byte[] content);

    Optional<byte[]> get(String sha256);

    boolean exists(String sha256);
}
