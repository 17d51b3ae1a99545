package io.anju.jobs.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds where a job continues from: the newest completed checkpoint or savepoint of that job under the data
 * directory (a directory with a {@code _metadata} file). Flink writes {@code _metadata} last, so a checkpoint cut
 * short by a crash is never picked.
 */
public final class RestorePoints {
    private RestorePoints() {
    }

    public static Optional<Path> latest(Path... roots) {
        Path best = null;
        long bestTime = Long.MIN_VALUE;
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.find(root, 3, (p, a) -> a.isRegularFile()
                    && p.getFileName().toString().equals("_metadata"))) {
                Optional<Path> newest = files.max(Comparator.comparingLong(RestorePoints::modified));
                if (newest.isPresent() && modified(newest.get()) > bestTime) {
                    best = newest.get().getParent();
                    bestTime = modified(newest.get());
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot look for checkpoints under " + root + ": " + e.getMessage(), e);
            }
        }
        return Optional.ofNullable(best);
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return Long.MIN_VALUE;
        }
    }
}
