package io.anju.jobs.registry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * The registry as one operator instance sees it: loaded from the file when the instance opens (a registry that does
 * not load fails the start, naming the problem), then looked at again every {@code poll} of wall clock. The look
 * (a digest of the file, and a load when it changed) runs off the task thread, so a large registry never stalls the
 * readings; the new view is swapped in when it is ready. A file that does not load (an edit in progress, a typo) is
 * reported once and ignored: the detectors keep the last good registry. On a cluster the file must be readable
 * where the job's tasks run (a shared volume).
 */
public final class RegistryHolder {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryHolder.class);

    private final RegistryFile file;
    private final long pollMs;
    private final LongSupplier wallClock;
    private volatile RegistryView current;
    private long lastLookMs;
    private CompletableFuture<Void> look = CompletableFuture.completedFuture(null);
    private String lastError;

    private RegistryHolder(RegistryFile file, Duration poll, LongSupplier wallClock, RegistryView first) {
        this.file = file;
        this.pollMs = poll.toMillis();
        this.wallClock = wallClock;
        this.current = first;
        this.lastLookMs = wallClock.getAsLong();
    }

    /** Loads the registry now; throws when it cannot be read or is not valid. */
    public static RegistryHolder open(Path path, Duration poll) throws IOException {
        RegistryFile file = new RegistryFile(path);
        return new RegistryHolder(file, poll, System::currentTimeMillis, file.load());
    }

    /** The registry to use for the next reading; starts a look at the file when one is due. */
    public RegistryView current() {
        long now = wallClock.getAsLong();
        if (now - lastLookMs >= pollMs && look.isDone()) {
            lastLookMs = now;
            look = CompletableFuture.runAsync(this::lookAtFile);
        }
        return current;
    }

    private void lookAtFile() {
        try {
            RegistryView before = current;
            if (file.version().equals(before.version())) {
                return;
            }
            RegistryView view = file.load();
            current = view;
            lastError = null;
            LOG.info("registry {} changed: {} entries now in use", file, view.size());
        } catch (IOException | RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            if (!message.equals(lastError)) {
                LOG.error("registry {} cannot be loaded, keeping the last good one: {}", file, message);
                lastError = message;
            }
        }
    }

    /** Waits for a look in progress (tests, and a clean close). */
    public void settle() {
        look.join();
    }
}
