package io.anju.jobs.registry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The registry as one operator instance sees it: loaded from the file when the instance opens (a registry that does
 * not load fails the start, naming the problem), then looked at again every {@code poll} by a thread of its own, so
 * an edit takes effect within the poll interval whatever the traffic, and reading a large registry never stalls the
 * readings; the new view is swapped in when it is ready. A file that does not load (an edit in progress, a typo) is
 * reported once and ignored: the detectors keep the last good registry. On a cluster the file must be readable where
 * the job's tasks run (a shared volume).
 */
public final class RegistryHolder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryHolder.class);

    private final RegistryFile file;
    private final ScheduledExecutorService looks;
    private volatile RegistryView current;
    private String lastError;

    private RegistryHolder(RegistryFile file, RegistryView first, Duration poll) {
        this.file = file;
        this.current = first;
        this.looks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "registry-watch " + file);
            t.setDaemon(true);
            return t;
        });
        looks.scheduleWithFixedDelay(this::lookAtFile, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Loads the registry now and watches it from then on; throws when it cannot be read or is not valid. */
    public static RegistryHolder open(Path path, Duration poll) throws IOException {
        RegistryFile file = new RegistryFile(path);
        return new RegistryHolder(file, file.load(), poll);
    }

    /** The registry to use for the next reading. */
    public RegistryView current() {
        return current;
    }

    private void lookAtFile() {
        try {
            if (file.version().equals(current.version())) {
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

    @Override
    public void close() {
        looks.shutdownNow();
    }
}
