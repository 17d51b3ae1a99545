package io.anju.bench.e2e;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * CPU and resident memory of other processes (the platform JVM, the load JVM) and of the whole machine, sampled from
 * {@code /proc} once a second between {@link #start()} and {@link #stop()}. The machine's figure shows what else ran:
 * other work on a shared machine takes CPU the platform would otherwise get.
 */
final class ProcessSampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessSampler.class);
    /** Linux reports CPU time in USER_HZ ticks, 100 per second on every mainstream architecture. */
    static final double TICKS_PER_SECOND = 100;

    /** Usage of one process over the sampled stretch; cores = CPU seconds per wall second. */
    record Usage(String name, double meanCores, double peakCores5s, long meanRssMiB, long peakRssMiB) {
    }

    /** The machine: busy cores of all of it and of the processes not sampled by name. */
    record Machine(int cores, double meanBusyCores, double meanOtherCores) {
    }

    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final Map<String, List<long[]>> samples = new LinkedHashMap<>();
    private final List<long[]> machine = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-proc-sampler");
        t.setDaemon(true);
        return t;
    });

    /** Adds a process to sample; one that has ended is skipped from then on. */
    synchronized void watch(String name, long pid) {
        pids.put(name, pid);
        samples.put(name, new ArrayList<>());
    }

    void start() {
        timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    private synchronized void sample() {
        long now = System.nanoTime();
        for (Map.Entry<String, Long> p : pids.entrySet()) {
            Path dir = Path.of("/proc", String.valueOf(p.getValue()));
            try {
                long ticks = ProcReadings.processTicks(Files.readString(dir.resolve("stat")));
                long rss = ProcReadings.residentKiB(Files.readString(dir.resolve("status")));
                samples.get(p.getKey()).add(new long[]{now, ticks, rss});
            } catch (IOException | RuntimeException e) {
                LOG.debug("no sample of {} (pid {}): {}", p.getKey(), p.getValue(), e.toString());
            }
        }
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            ProcReadings.MachineTicks t = ProcReadings.machineTicks(cpu);
            machine.add(new long[]{now, t.busy(), t.total()});
        } catch (IOException | RuntimeException e) {
            LOG.debug("no machine sample: {}", e.toString());
        }
    }

    /** Stops sampling; the usage of every watched process with at least two samples. */
    synchronized List<Usage> stop() {
        timer.shutdownNow();
        List<Usage> out = new ArrayList<>();
        samples.forEach((name, s) -> {
            if (s.size() >= 2) {
                out.add(usage(name, s));
            }
        });
        return out;
    }

    /** The machine over the same stretch, after {@link #stop()}; {@code sampled} are the named processes' usages. */
    synchronized Machine machine(List<Usage> sampled) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (machine.size() < 2) {
            return new Machine(cores, 0, 0);
        }
        long[] a = machine.get(0);
        long[] b = machine.get(machine.size() - 1);
        double busy = (double) (b[1] - a[1]) / (b[2] - a[2]) * cores;
        double named = sampled.stream().mapToDouble(Usage::meanCores).sum();
        return new Machine(cores, busy, Math.max(0, busy - named));
    }

    private static Usage usage(String name, List<long[]> s) {
        long[] first = s.get(0);
        long[] last = s.get(s.size() - 1);
        double mean = cores(first, last);
        double peak = 0;
        for (int i = 0; i + 5 < s.size(); i++) {
            peak = Math.max(peak, cores(s.get(i), s.get(i + 5)));
        }
        long rssSum = 0;
        long rssMax = 0;
        for (long[] x : s) {
            rssSum += x[2];
            rssMax = Math.max(rssMax, x[2]);
        }
        return new Usage(name, mean, s.size() > 5 ? peak : mean, rssSum / s.size() / 1024, rssMax / 1024);
    }

    private static double cores(long[] from, long[] to) {
        double wall = (to[0] - from[0]) / 1e9;
        return wall <= 0 ? 0 : (to[1] - from[1]) / TICKS_PER_SECOND / wall;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
