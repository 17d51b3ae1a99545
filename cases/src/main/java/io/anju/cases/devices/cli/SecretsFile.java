package io.anju.cases.devices.cli;

import io.anju.cases.devices.bulk.ImportPlan;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The file the secrets of imported devices go to ({@code id,secret} per line): created before the import, new and
 * readable by its owner only (mode 600), so an existing file (an earlier import's secrets) is never overwritten and the
 * secrets are never readable by others, not even for a moment.
 */
final class SecretsFile {
    private SecretsFile() {
    }

    static Path create(Path path) throws IOException {
        try {
            if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                return Files.createFile(path, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
            }
            return Files.createFile(path);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException(path + " exists already: it may hold the secrets of an earlier import; "
                    + "move it away or name another file with --secrets-out");
        }
    }

    static void write(Path path, List<ImportPlan.Secret> secrets) throws IOException {
        StringBuilder text = new StringBuilder("id,secret\n");
        for (ImportPlan.Secret s : secrets) {
            text.append(s.deviceId()).append(',').append(s.secret()).append('\n');
        }
        Files.writeString(path, text);
    }

    /** Removes the file created for an import that added nothing or failed (it holds no secret). */
    static void deleteEmpty(Path path) throws IOException {
        if (path != null && Files.size(path) == 0) {
            Files.delete(path);
        }
    }
}
