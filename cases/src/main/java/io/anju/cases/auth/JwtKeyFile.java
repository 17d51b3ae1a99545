package io.anju.cases.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The token-signing secret of one data directory: {@code <dataDir>/cases/jwt.key}, 32 random bytes written with
 * mode 600 on first start and read on every later one, so tokens stay valid across restarts and a copied data
 * directory is the only way to share the key.
 */
public final class JwtKeyFile {
    private static final int KEY_BYTES = 32;

    private JwtKeyFile() {
    }

    public static Path pathIn(Path dataDir) {
        return dataDir.resolve("cases").resolve("jwt.key");
    }

    /** Reads the key of {@code dataDir}, creating it on first use. */
    public static byte[] loadOrCreate(Path dataDir) {
        return loadOrCreateFile(pathIn(dataDir));
    }

    /** Reads the key file (setting {@code auth.keyFile}), creating it with 32 random bytes, mode 600, when missing. */
    public static byte[] loadOrCreateFile(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length < KEY_BYTES) {
                throw new IllegalStateException(file + " holds " + key.length + " bytes; a JWT key needs " + KEY_BYTES
                        + " (delete it to make a new one; signed-in users must then sign in again)");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.write(file, key, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException raced) {
            // Another process created it first; its key is the one to use.
        }
    }
}
