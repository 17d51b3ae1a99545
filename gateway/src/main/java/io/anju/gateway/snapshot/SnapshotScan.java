package io.anju.gateway.snapshot;

import io.anju.common.model.DeviceType;
import io.anju.common.snapshot.SnapshotFiles;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lists the images in the store ({@link SnapshotFiles}: {@code <type>/<deviceId>/<ab>/<sha256>.jpg}) with their size
 * and time, one stat each. Also lists the files of the earlier content-addressed layout ({@code ab/cd/<sha256>.jpg}),
 * without a device, so that they do not stay for ever. Anything else (temporary files of writes under way) is left.
 */
final class SnapshotScan {
    private SnapshotScan() {
    }

    /** Every image in the store under {@code root}. */
    static List<StoredSnapshot> all(Path root) throws IOException {
        return walk(root, root);
    }

    /** The images of one device. */
    static List<StoredSnapshot> of(Path root, SnapshotOwner owner) throws IOException {
        return walk(root, owner.dir(root));
    }

    private static List<StoredSnapshot> walk(Path root, Path start) throws IOException {
        List<StoredSnapshot> found = new ArrayList<>();
        if (!Files.isDirectory(start)) {
            return found;
        }
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    read(root, file, attrs).ifPresent(found::add);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // gone since its directory was read
                }
                throw e;
            }
        });
        return found;
    }

    private static Optional<StoredSnapshot> read(Path root, Path file, BasicFileAttributes attrs) {
        String name = file.getFileName().toString();
        if (!name.endsWith(SnapshotFiles.SUFFIX)
                || !SnapshotFiles.isSha256(name.substring(0, name.length() - SnapshotFiles.SUFFIX.length()))) {
            return Optional.empty();
        }
        Path relative = root.relativize(file);
        long modified = attrs.lastModifiedTime().toMillis();
        Optional<DeviceType> type = DeviceType.fromWire(relative.getName(0).toString());
        if (relative.getNameCount() == 4 && type.isPresent()) {
            String deviceId = relative.getName(1).toString();
            return SnapshotFiles.isDeviceId(deviceId)
                    ? Optional.of(new StoredSnapshot(new SnapshotOwner(type.get(), deviceId), file, modified, attrs.size()))
                    : Optional.empty();
        }
        if (relative.getNameCount() == 3 && type.isEmpty()) {
            return Optional.of(new StoredSnapshot(null, file, modified, attrs.size()));
        }
        return Optional.empty();
    }
}
