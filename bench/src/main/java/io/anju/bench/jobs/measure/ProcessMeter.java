package io.anju.bench.jobs.measure;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * CPU and heap of this JVM over a stretch of time. The JVM holds everything (broker, Flink, load producer and
 * tails), so CPU is also split by thread name; the remainder that no Java thread accounts for is the JVM's own
 * work (garbage collection, JIT compilation).
 */
public final class ProcessMeter implements AutoCloseable {
    /** CPU used: {@code cores} = process CPU time / wall time; {@code byThreads} in cores, biggest first. */
    public record Usage(double wallSeconds, double cores, long heapMaxUsedMiB, long heapMeanUsedMiB, long heapLimitMiB,
                        Map<String, Double> byThreads) {
    }

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-heap-sampler");
        t.setDaemon(true);
        return t;
    });
    private long startNanos;
    private long startCpuNanos;
    private Map<Long, Long> startThreadCpu = Map.of();
    private long heapMax;
    private long heapSum;
    private long heapSamples;

    /** Starts the one stretch this meter measures. */
    public synchronized void start() {
        startNanos = System.nanoTime();
        startCpuNanos = os.getProcessCpuTime();
        startThreadCpu = threadCpu();
        heapMax = 0;
        heapSum = 0;
        heapSamples = 0;
        sampler.scheduleAtFixedRate(this::sampleHeap, 0, 500, TimeUnit.MILLISECONDS);
    }

    private synchronized void sampleHeap() {
        long used = memory.getHeapMemoryUsage().getUsed();
        heapMax = Math.max(heapMax, used);
        heapSum += used;
        heapSamples++;
    }

    public synchronized Usage stop() {
        sampler.shutdownNow();
        double wall = (System.nanoTime() - startNanos) / 1e9;
        double cpu = (os.getProcessCpuTime() - startCpuNanos) / 1e9;
        Map<String, Double> groups = new HashMap<>();
        double javaThreads = 0;
        for (Map.Entry<Long, Long> e : threadCpu().entrySet()) {
            long before = startThreadCpu.getOrDefault(e.getKey(), 0L);
            ThreadInfo info = threads.getThreadInfo(e.getKey());
            if (info == null || e.getValue() <= before) {
                continue;
            }
            double cores = (e.getValue() - before) / 1e9 / wall;
            javaThreads += cores;
            groups.merge(group(info.getThreadName()), cores, Double::sum);
        }
        groups.put("(no Java thread: GC, JIT; or threads that ended)", Math.max(0, cpu / wall - javaThreads));
        Map<String, Double> sorted = new LinkedHashMap<>();
        groups.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(8)
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        long mib = 1 << 20;
        return new Usage(wall, cpu / wall, heapMax / mib, heapSamples == 0 ? 0 : heapSum / heapSamples / mib,
                memory.getHeapMemoryUsage().getMax() / mib, sorted);
    }

    private Map<Long, Long> threadCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long t = threads.getThreadCpuTime(id);
            if (t > 0) {
                cpu.put(id, t);
            }
        }
        return cpu;
    }

    /** Threads of one kind share a name up to their numbers, e.g. {@code data-plane-kafka-request-handler-#}. */
    static String group(String name) {
        String g = name.replaceAll("\\d+", "#");
        return g.length() > 70 ? g.substring(0, 70) + "…" : g;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
