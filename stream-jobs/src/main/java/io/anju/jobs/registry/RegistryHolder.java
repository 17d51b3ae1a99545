package io.anju.jobs.registry;

import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryLoader;
import io.anju.common.registry.live.RegistryFollower;
import io.anju.common.topic.KafkaConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The registry as one operator instance sees it. When the cluster of {@code anju.registry} is known, the revisions the
 * registry service published are read when the instance opens and every later one is swapped in as it comes
 * ({@link RegistryFollower}); until a first revision exists, the file is in use as follows. It is loaded from the file
 * when the instance opens (a registry that does
 * not load fails the start, naming the problem), then looked at again every {@code poll} by a thread of its own, so
 * an edit takes effect within the poll interval whatever the traffic, and reading a large registry never stalls the
 * readings; the new view is swapped in when it is ready. A file that does not load (an edit in progress, a typo) is
 * reported once and ignored: the detectors keep the last good registry. On a cluster the file must be readable where
 * the job's tasks run (a shared volume).
 */
public final class RegistryHolder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryHolder.class);

    private static final Duration CATCH_UP = Duration.ofSeconds(15);

    private final RegistryFile file;
    private final RegistryFollower follower;
    private final ScheduledExecutorService looks;
    private volatile RegistryView current;
    private String lastError;

    private RegistryHolder(RegistryFile file, RegistryView first, Duration poll, RegistryFollower follower) {
        this.file = file;
        this.follower = follower;
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
        return new RegistryHolder(file, file.load(), poll, null);
    }

    /**
     * Loads the registry file, then the revisions published on {@code anju.registry} of {@code kafka} (waiting up to
     * 15 s for them), and follows both: a published revision wins over the file from then on.
     *
     * @param kafka null: the file only
     */
    public static RegistryHolder open(Path path, Duration poll, KafkaConnection kafka)
            throws IOException, InterruptedException {
        if (kafka == null) {
            return open(path, poll);
        }
        RegistryFile file = new RegistryFile(path);
        String version = file.version();
        Registry fromFile = RegistryLoader.load(path);
        RegistryFollower follower = new RegistryFollower(kafka, "anju-jobs-registry-" + UUID.randomUUID(), fromFile);
        RegistryHolder holder = new RegistryHolder(file, RegistryView.of(fromFile, version), poll, follower);
        follower.onChange((before, after, revision) ->
                holder.current = RegistryView.of(after, "revision " + revision.revision()));
        follower.start(CATCH_UP);
        return holder;
    }

    /** The registry to use for the next reading. */
    public RegistryView current() {
        return current;
    }

    private void lookAtFile() {
        if (follower != null && follower.revision() > 0) {
            return; // the registry service's revisions are in use
        }
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
        if (follower != null) {
            follower.close();
        }
    }
}
