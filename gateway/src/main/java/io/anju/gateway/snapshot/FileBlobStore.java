package io.anju.gateway.snapshot;

import io.anju.common.snapshot.SnapshotFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A {@link BlobStore} on the local file system, laid out as {@link SnapshotFiles} says
 * ({@code dir/<type>/<deviceId>/ab/<sha256>.jpg}). A blob is written to a temporary file, forced to disk and renamed
 * into place atomically, so a reader (or a crash) never sees a partial image. Writes are refused while the disk is
 * low; each new image is reported to a {@link WriteListener} (the retention sweeper).
 */
public final class FileBlobStore implements BlobStore {

    /** Told of every image written (not of one sent again). */
    public interface WriteListener {
        void stored(SnapshotOwner owner, long bytes);
    }

    private final Path dir;
    private final BooleanSupplier diskOk;
    private final WriteListener listener;

    /** A store without disk check or retention (tests, tools). */
    public FileBlobStore(Path dir) {
        this(dir, () -> true, (owner, bytes) -> { });
    }

    /**
     * @param diskOk   false while free disk space is below the watermark: writes are refused
     * @param listener told of every new image
     */
    public FileBlobStore(Path dir, BooleanSupplier diskOk, WriteListener listener) {
        this.dir = dir.toAbsolutePath();
        this.diskOk = diskOk;
        this.listener = listener;
        try {
            Files.createDirectories(this.dir);
        } catch (IOException e) {
            throw new UncheckedIOException("snapshot dir " + this.dir + " cannot be created", e);
        }
    }

    public Path dir() {
        return dir;
    }

    @Override
    public String put(SnapshotOwner owner, byte[] content) {
        if (!diskOk.getAsBoolean()) {
            throw new IllegalStateException("disk space is low: snapshots are refused until it is freed");
        }
        String sha = sha256(content);
        Path target = owner.file(dir, sha);
        if (refreshed(target)) {
            return sha;
        }
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempFile(target.getParent(), ".put-", ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            moveIntoPlace(tmp, target);
            tmp = null;
            listener.stored(owner, content.length);
            return sha;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store snapshot " + sha + " in " + dir, e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** An image sent again is the newest reference to it: it gets the full retention again. */
    private static boolean refreshed(Path target) {
        try {
            Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot refresh snapshot " + target, e);
        }
    }

    @Override
    public Optional<byte[]> get(SnapshotOwner owner, String sha256) {
        if (!SnapshotFiles.isSha256(sha256)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(owner.file(dir, sha256)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read snapshot " + sha256, e);
        }
    }

    @Override
    public boolean exists(SnapshotOwner owner, String sha256) {
        return SnapshotFiles.isSha256(sha256) && Files.exists(owner.file(dir, sha256));
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // A concurrent put of the same content won the race; the bytes are identical.
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("snapshot dir must be on a file system with atomic rename", e);
        }
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp != null) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // A leftover temp file is harmless: it never has a blob's name.
            }
        }
    }
}
