package io.anju.cases.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Who owns an embedded PostgreSQL's data directory: a lock on {@code <dir>.lock}, held by the service for as long as it
 * runs. The operating system drops it when the service's process ends however it ends (a kill -9, an OOM kill), which
 * is what tells a PostgreSQL left running by a dead service ({@link OrphanedPostmaster}) from one a live service uses.
 */
final class DataDirLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock of {@code dataDir}; fails saying so when another running process holds it. */
    static DataDirLock acquire(Path dataDir) throws IOException {
        Path file = dataDir.resolveSibling(dataDir.getFileName() + ".lock");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("another running process (a case service, or a command-line tool of it) uses the "
                    + "embedded PostgreSQL under " + dataDir + " (it holds " + file + "); stop it first, or give this "
                    + "one another data.dir");
        }
        return new DataDirLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
