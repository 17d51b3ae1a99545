package io.anju.gateway.snapshot;

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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@link BlobStore} on the local file system: {@code dir/ab/cd/<sha256>.jpg}. A blob is written to a temporary
 * file, forced to disk and renamed into place atomically, so a reader (or a crash) never sees a partial image.
 */
public final class FileBlobStore implements BlobStore {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final Path dir;

    public FileBlobStore(Path dir) {
        this.dir = dir.toAbsolutePath();
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
    public String put(byte[] content) {
        String sha = sha256(content);
        Path target = pathOf(sha);
        if (Files.exists(target)) {
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
            return sha;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store snapshot " + sha + " in " + dir, e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    @Override
    public Optional<byte[]> get(String sha256) {
        if (!SHA256_HEX.matcher(sha256).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(pathOf(sha256)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read snapshot " + sha256, e);
        }
    }

    @Override
    public boolean exists(String sha256) {
        return SHA256_HEX.matcher(sha256).matches() && Files.exists(pathOf(sha256));
    }

    /** Where a blob lives: two levels of fan-out keep directories small. */
    Path pathOf(String sha256) {
        return dir.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256 + ".jpg");
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
