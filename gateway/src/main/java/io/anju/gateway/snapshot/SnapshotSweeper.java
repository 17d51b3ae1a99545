package io.anju.gateway.snapshot;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Keeps the snapshot store within its {@link RetentionLimits} on a thread of its own: sweeps the whole store once at
 * start and every {@code sweepInterval} (images past their age), sweeps one device's images as soon as a write takes
 * the device past its quota, and the whole store as soon as a write takes it past the total cap. Each sweep lists,
 * asks {@link RetentionPlan} what to delete (oldest first) and deletes it. Sweeps never run at the same time.
 */
public final class SnapshotSweeper implements FileBlobStore.WriteListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotSweeper.class);

    private final Path root;
    private final RetentionLimits limits;
    private final LongSupplier clock;
    private final SnapshotTally tally = new SnapshotTally();
    private final SnapshotMetrics metrics;
    private final AtomicBoolean wholeSweepPending = new AtomicBoolean();
    private final Set<SnapshotOwner> deviceSweepsPending = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "anju-snapshot-sweeper");
        t.setDaemon(true);
        return t;
    });

    /** What one sweep did: images listed, deleted (by reason) and the bytes that freed, what is held after it. */
    public record Sweep(int listed, Map<String, Integer> deletedByReason, long bytesFreed, long filesHeld, long bytesHeld,
                        long nanos) {
        public int deleted() {
            return deletedByReason.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private record Deleted(Set<StoredSnapshot> gone, Map<String, Integer> byReason) {
    }

    /**
     * @param root  the store's directory ({@code snapshot.dir})
     * @param clock the wall clock in Unix ms, against which ages are measured
     */
    public SnapshotSweeper(Path root, RetentionLimits limits, MeterRegistry meters, LongSupplier clock) {
        this.root = root.toAbsolutePath();
        this.limits = limits;
        this.clock = clock;
        this.metrics = new SnapshotMetrics(meters, tally);
    }

    /** Sweeps the whole store now (in the background) and then every {@code sweepInterval}. */
    public SnapshotSweeper start() {
        long every = limits.sweepInterval().toMillis();
        thread.scheduleWithFixedDelay(this::sweepQuietly, 0, every, TimeUnit.MILLISECONDS);
        LOG.info("snapshot retention under {}: {} ({} for face images), {} MiB per device, {} MiB in all, swept every {}",
                root, limits.maxAge(), limits.faceMaxAge(), limits.deviceMaxBytes() >> 20, limits.totalMaxBytes() >> 20,
                limits.sweepInterval());
        return this;
    }

    /** A new image was written: sweeps its device, or the whole store, when this write passed a size limit. */
    @Override
    public void stored(SnapshotOwner owner, long bytes) {
        long device = tally.added(owner, bytes);
        if (device > limits.deviceMaxBytes() && deviceSweepsPending.add(owner)) {
            later(() -> {
                deviceSweepsPending.remove(owner);
                sweepDevice(owner);
            });
        }
        if (tally.bytes() > limits.totalMaxBytes() && wholeSweepPending.compareAndSet(false, true)) {
            later(() -> {
                wholeSweepPending.set(false);
                sweepQuietly();
            });
        }
    }

    private void later(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException e) {
            // closing: the next start sweeps
        }
    }

    /** Sweeps the whole store now, on the caller's thread. */
    public synchronized Sweep sweep() throws IOException {
        long start = System.nanoTime();
        List<StoredSnapshot> listed = SnapshotScan.all(root);
        Deleted deleted = delete(RetentionPlan.plan(listed, limits, clock.getAsLong(), true));
        tally.reset(listed.stream().filter(s -> !deleted.gone().contains(s)).toList());
        Sweep sweep = finish(listed.size(), deleted, start);
        if (sweep.deleted() > 0) {
            LOG.info("snapshot sweep deleted {} images ({} MiB) by reason {}; {} images ({} MiB) held; took {} ms",
                    sweep.deleted(), sweep.bytesFreed() >> 20, sweep.deletedByReason(), sweep.filesHeld(),
                    sweep.bytesHeld() >> 20, sweep.nanos() / 1_000_000);
        } else {
            LOG.debug("snapshot sweep: {} images ({} MiB) held; took {} ms", sweep.filesHeld(), sweep.bytesHeld() >> 20,
                    sweep.nanos() / 1_000_000);
        }
        return sweep;
    }

    /** Sweeps one device's images now (its age and quota), on the caller's thread. */
    public synchronized Sweep sweepDevice(SnapshotOwner owner) {
        long start = System.nanoTime();
        try {
            List<StoredSnapshot> listed = SnapshotScan.of(root, owner);
            Deleted deleted = delete(RetentionPlan.plan(listed, limits, clock.getAsLong(), false));
            tally.resetDevice(owner, listed.stream().filter(s -> !deleted.gone().contains(s)).toList());
            Sweep sweep = finish(listed.size(), deleted, start);
            LOG.info("snapshots of {} swept (quota {} MiB): deleted {} images ({} MiB) by reason {}", owner,
                    limits.deviceMaxBytes() >> 20, sweep.deleted(), sweep.bytesFreed() >> 20, sweep.deletedByReason());
            return sweep;
        } catch (IOException | RuntimeException e) {
            LOG.warn("sweeping the snapshots of {} failed: {}", owner, e.toString());
            return finish(0, new Deleted(Set.of(), Map.of()), start);
        }
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (IOException | RuntimeException e) {
            LOG.warn("snapshot sweep of {} failed (tried again in {}): {}", root, limits.sweepInterval(), e.toString());
        }
    }

    /** Deletes what the plan says; returns what is gone (a file that cannot be deleted stays counted). */
    private Deleted delete(List<RetentionPlan.Deletion> plan) {
        Set<StoredSnapshot> gone = new HashSet<>();
        Map<String, Integer> byReason = new TreeMap<>();
        for (RetentionPlan.Deletion d : plan) {
            try {
                Files.deleteIfExists(d.snapshot().file());
                gone.add(d.snapshot());
                metrics.deleted(d.reason(), d.snapshot().kind());
                byReason.merge(d.reason().wireName(), 1, Integer::sum);
                LOG.debug("deleted snapshot {} ({})", d.snapshot().file(), d.reason().wireName());
            } catch (IOException e) {
                LOG.warn("cannot delete snapshot {}: {}", d.snapshot().file(), e.toString());
            }
        }
        return new Deleted(gone, byReason);
    }

    private Sweep finish(int listed, Deleted deleted, long startNanos) {
        long nanos = System.nanoTime() - startNanos;
        metrics.swept(nanos);
        return new Sweep(listed, deleted.byReason(), deleted.gone().stream().mapToLong(StoredSnapshot::bytes).sum(),
                tally.files(), tally.bytes(), nanos);
    }

    /** Bytes of images held now (as last counted). */
    public long bytesHeld() {
        return tally.bytes();
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
