package io.anju.cases.store;

import io.anju.common.auth.PrivateFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The passwords of the embedded PostgreSQL: its superuser {@code postgres}'s in {@code <dir>.password}, and the
 * service role's ({@link ServiceRole}) in {@code <dir>.service.password}, next to the data directory (not inside it,
 * where PostgreSQL and backups of its directory would carry them along), readable by the service's user only.
 * Generated once, when first needed, and read back on every later start.
 */
public final class EmbeddedPassword {
    /** 24 random bytes: 32 URL-safe characters, safe inside a SQL string literal and a shell variable. */
    private static final int RANDOM_BYTES = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private EmbeddedPassword() {
    }

    /** Where the superuser's password of the server on {@code pgDir} is kept. */
    public static Path fileOf(Path pgDir) {
        return pgDir.resolveSibling(pgDir.getFileName() + ".password");
    }

    /** Where the service role's password of the server on {@code pgDir} is kept. */
    public static Path serviceFileOf(Path pgDir) {
        return pgDir.resolveSibling(pgDir.getFileName() + ".service.password");
    }

    /** The superuser's password of {@code pgDir}; fails naming the file when it is missing, empty or not private. */
    public static String read(Path pgDir) throws IOException {
        return readFile(fileOf(pgDir));
    }

    /** The service role's password of {@code pgDir}, checked as {@link #read} checks the superuser's. */
    public static String readForService(Path pgDir) throws IOException {
        return readFile(serviceFileOf(pgDir));
    }

    /** The existing superuser's password of {@code pgDir}, or a new random one, written to a file created private. */
    static String readOrCreate(Path pgDir) throws IOException {
        return readOrCreateFile(fileOf(pgDir));
    }

    /** The existing service role's password of {@code pgDir}, or a new random one. */
    static String readOrCreateForService(Path pgDir) throws IOException {
        return readOrCreateFile(serviceFileOf(pgDir));
    }

    private static String readFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("the embedded PostgreSQL's password file " + file + " is missing");
        }
        Optional<String> open = PrivateFiles.notPrivate(file);
        if (open.isPresent()) {
            throw new IOException("the embedded PostgreSQL's password file " + file + " " + open.get());
        }
        String password = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (password.isEmpty()) {
            throw new IOException("the embedded PostgreSQL's password file " + file + " is empty");
        }
        return password;
    }

    private static String readOrCreateFile(Path file) throws IOException {
        if (Files.exists(file)) {
            return readFile(file);
        }
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        PrivateFiles.write(file, password);
        return password;
    }
}
