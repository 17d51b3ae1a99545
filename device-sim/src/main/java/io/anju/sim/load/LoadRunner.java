package io.anju.sim.load;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Drives a load run: connects, then paces publishes at the target total rate by handing each connection its
 * share every couple of milliseconds (round robin for the remainder), reports progress once a second and returns a
 * final report with PUBACK latency percentiles. In idle mode it only holds the connections.
 */
public final class LoadRunner {
    private static final long PACE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** How long after the last publish to wait for outstanding PUBACKs. */
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final LoadSettings settings;
    private final LoadClient client;
    private final LoadStats stats;
    private final Consumer<String> progress;

    public LoadRunner(LoadSettings settings, LoadClient client, LoadStats stats, Consumer<String> progress) {
        this.settings = settings;
        this.client = client;
        this.stats = stats;
        this.progress = progress;
    }

    public LoadReport run() throws InterruptedException {
        long connectStart = System.nanoTime();
        client.connectAll(settings.connectRate());
        progress.accept(String.format(Locale.ROOT, "connected %d/%d in %.1f s (%d failed)", stats.connected.get(),
                settings.connections(), (System.nanoTime() - connectStart) / 1e9, stats.connectFailures.sum()));
        long start = System.nanoTime();
        if (settings.idle()) {
            hold(start);
        } else {
            publish(start);
            drain();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return report(Math.min(seconds, settings.durationS() + DRAIN_NANOS / 1e9));
    }

    private void hold(long start) throws InterruptedException {
        for (int s = 1; s <= settings.durationS(); s++) {
            long wake = start + TimeUnit.SECONDS.toNanos(s);
            TimeUnit.NANOSECONDS.sleep(Math.max(0, wake - System.nanoTime()));
            progress.accept(String.format(Locale.ROOT, "t=%3ds connected=%d idle", s, stats.connected.get()));
        }
    }

    private void publish(long start) {
        long end = start + TimeUnit.SECONDS.toNanos(settings.durationS());
        long nextReport = start + TimeUnit.SECONDS.toNanos(1);
        long requested = 0;
        long lastSent = 0;
        int n = client.size();
        int rr = 0;
        long burstCap = Math.max(n, settings.ratePerSec() / 20L);
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            long target = (long) ((now - start) / 1e9 * settings.ratePerSec());
            long owed = Math.min(target - requested, burstCap);
            if (owed > 0) {
                long base = owed / n;
                long rem = owed % n;
                long unsent = 0;
                for (int i = 0; i < n && (base > 0 || i < rem); i++) {
                    int idx = (rr + i) % n;
                    int k = (int) (base + (i < rem ? 1 : 0));
                    unsent += client.send(idx, k);
                }
                rr = (int) ((rr + rem) % n);
                requested += owed - unsent;
                // A connection that could not take its share does not run up a debt to burst later.
                if (unsent > 0) {
                    requested = Math.max(requested, target - burstCap);
                }
            }
            if (now >= nextReport) {
                long sent = stats.sent.sum();
                progress.accept(line((now - start) / 1_000_000_000L, sent - lastSent));
                lastSent = sent;
                nextReport += TimeUnit.SECONDS.toNanos(1);
            }
            LockSupport.parkNanos(PACE_NANOS);
        }
    }

    private void drain() throws InterruptedException {
        if (settings.qos() == 0) {
            return;
        }
        long until = System.nanoTime() + DRAIN_NANOS;
        while (stats.inFlight() > 0 && System.nanoTime() < until) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private String line(long second, long rate) {
        return String.format(Locale.ROOT, "t=%3ds rate=%d/s sent=%d acked=%d errors=%d inflight=%d connected=%d",
                second, rate, stats.sent.sum(), stats.acknowledged.sum(), stats.errors.sum(), stats.inFlight(),
                stats.connected.get());
    }

    private LoadReport report(double seconds) {
        long sent = stats.sent.sum();
        long acked = stats.acknowledged.sum();
        double throughput = (settings.qos() == 1 ? acked : sent) / Math.max(seconds, 1e-3);
        return new LoadReport(settings.connections(), stats.connected.get(), (int) stats.connectFailures.sum(),
                (int) stats.connectRefused.sum(), seconds, sent, acked, stats.errors.sum(), throughput,
                stats.pubAckLatencies(), stats.connAckLatencies(), stats.tcpConnectLatencies(), settings.qos());
    }
}
