package io.anju.common.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Files that hold secrets (passwords, device secrets, credentials): readable by their owner only. */
public final class PrivateFiles {
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private PrivateFiles() {
    }

    /**
     * Writes {@code text} to {@code file}, replacing it. The text goes to a file of the same directory created with mode
     * 600 (never briefly readable by others between create and chmod), which is then moved into place whole: a crash
     * leaves the old file or the new one, never a partly written one.
     */
    public static void write(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        String name = file.getFileName().toString();
        Path tmp = posix()
                ? Files.createTempFile(dir, name, ".tmp", PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, name, ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The permissions {@code file} gives its group or others: empty when it is private (or the file system has none). */
    public static Set<PosixFilePermission> openToOthers(Path file) throws IOException {
        if (!posix()) {
            return Set.of();
        }
        Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
        open.addAll(Files.getPosixFilePermissions(file));
        open.retainAll(GROUP_OR_OTHERS);
        return open;
    }

    /**
     * Why a secret in {@code file} is not private, as the end of a refusal ("is accessible to group or others
     * (rw-r--r--); make it private: chmod 600 FILE"); empty when it is.
     */
    public static Optional<String> notPrivate(Path file) throws IOException {
        if (openToOthers(file).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("is accessible to group or others (" + PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)) + "); make it private: chmod 600 " + file);
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
