package io.anju.gateway.disk;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The free and total space of the file system a directory is on: a {@link FileStore}'s figures behind an interface,
 * so that a test can run the gateway on a full disk without filling one.
 */
public interface FreeSpace {

    /** Bytes this process may still write ({@link FileStore#getUsableSpace()}). */
    long usableBytes() throws IOException;

    /** The file system's size. */
    long totalBytes() throws IOException;

    /** The file system of {@code dir}, or of its nearest existing parent while it does not exist yet. */
    static FreeSpace of(Path dir) {
        Path absolute = dir.toAbsolutePath();
        return new FreeSpace() {
            private FileStore store;

            @Override
            public long usableBytes() throws IOException {
                return store().getUsableSpace();
            }

            @Override
            public long totalBytes() throws IOException {
                return store().getTotalSpace();
            }

            private synchronized FileStore store() throws IOException {
                if (store == null) {
                    Path p = absolute;
                    while (!Files.exists(p) && p.getParent() != null) {
                        p = p.getParent();
                    }
                    store = Files.getFileStore(p);
                }
                return store;
            }
        };
    }
}
