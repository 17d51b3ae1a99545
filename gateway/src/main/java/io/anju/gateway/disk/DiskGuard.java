package io.anju.gateway.disk;

import io.anju.gateway.ingest.Ingest.BackpressureListener;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches the free space of the gateway's data directories. While one is below its {@link DiskWatermark} the
 * gateway stops taking data: the listener stops reading device sockets (the mechanism of the log's backpressure, so
 * nothing read is dropped and nothing unwritten is acknowledged), snapshot writes are refused ({@link #writable()})
 * and {@code /health} says why ({@link #status()}). That happens long before the disk is full, where the embedded
 * Kafka broker would stop the whole process. Reading resumes once space is back.
 */
public final class DiskGuard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiskGuard.class);
    private static final BackpressureListener NONE = new BackpressureListener() {
        @Override
        public void paused() {
        }

        @Override
        public void resumed() {
        }
    };

    private final DiskWatermark watermark;
    private final List<Watched> watched = new ArrayList<>();
    private BackpressureListener listener = NONE;
    private volatile boolean low;
    private volatile String status = "ok";
    private ScheduledExecutorService timer;

    /** One watched directory, named by its setting, with what the last check saw. */
    private static final class Watched {
        final String setting;
        final FreeSpace space;
        volatile long freeBytes = -1;
        boolean low;
        boolean unreadable;

        Watched(String setting, FreeSpace space) {
            this.setting = setting;
            this.space = space;
        }
    }

    /** @param watched the directories to watch, by the name of their setting (e.g. {@code data.dir}), in order */
    public DiskGuard(DiskWatermark watermark, Map<String, FreeSpace> watched, MeterRegistry meters) {
        this.watermark = watermark;
        watched.forEach((setting, space) -> {
            Watched w = new Watched(setting, space);
            this.watched.add(w);
            Gauge.builder("anju.gateway.disk.free.bytes", w, x -> x.freeBytes).baseUnit("bytes").tag("dir", setting)
                    .description("Free space under the directory at the last check").register(meters);
        });
        Gauge.builder("anju.gateway.disk.low", this, g -> g.low ? 1 : 0)
                .description("1 while free disk space is below the watermark: ingest paused, snapshots refused")
                .register(meters);
    }

    /** Who stops and restarts reading devices; told at once when the disk is already low. */
    public synchronized void setListener(BackpressureListener listener) {
        this.listener = listener == null ? NONE : listener;
        if (low) {
            this.listener.paused();
        }
    }

    /** Checks the free space now and acts on a change. */
    public synchronized void check() {
        String firstLow = null;
        for (Watched w : watched) {
            try {
                long free = w.space.usableBytes();
                long total = w.space.totalBytes();
                w.freeBytes = free;
                w.low = w.low ? free < watermark.fineFrom(total) : free < watermark.lowBelow(total);
                w.unreadable = false;
                if (w.low && firstLow == null) {
                    firstLow = "low: " + mib(free) + " free under " + w.setting + " (needs " + mib(watermark.lowBelow(total)) + ")";
                }
            } catch (IOException | RuntimeException e) {
                if (!w.unreadable) {
                    LOG.warn("cannot read the free space under {} (keeping its last state): {}", w.setting, e.toString());
                }
                w.unreadable = true;
                if (w.low && firstLow == null) {
                    firstLow = "low: free space under " + w.setting + " unreadable since it was low";
                }
            }
        }
        boolean wasLow = low;
        low = firstLow != null;
        status = low ? firstLow : "ok";
        if (low && !wasLow) {
            LOG.warn("disk space {}: device reading paused and snapshots refused until it is freed", firstLow);
            listener.paused();
        } else if (!low && wasLow) {
            LOG.info("disk space is back above the watermark: device reading resumes");
            listener.resumed();
        }
    }

    /** Checks now, then every {@code interval} on a thread of its own. */
    public synchronized DiskGuard start(Duration interval) {
        check();
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "anju-disk-guard");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** True while free space is below the watermark. */
    public boolean low() {
        return low;
    }

    /** Whether snapshots may be written. */
    public boolean writable() {
        return !low;
    }

    /** {@code ok}, or why not: {@code low: 812 MiB free under data.dir (needs 1024 MiB)}. */
    public String status() {
        return status;
    }

    private static String mib(long bytes) {
        return (bytes >> 20) + " MiB";
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
