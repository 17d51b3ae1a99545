package io.anju.bench.jobs.report;

import io.anju.bench.jobs.measure.GcLog;
import io.anju.bench.jobs.measure.GcSummary;
import io.anju.bench.jobs.measure.ProcessMeter;
import io.anju.bench.jobs.measure.TaskUsage;
import io.anju.bench.jobs.run.RunSetup;
import org.HdrHistogram.Histogram;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The parts every section of the report shares: its header and the task, CPU, heap and GC lines. */
final class Lines {
    private Lines() {
    }

    static void header(Report r, String title, RunSetup s) {
        r.line("## %s — %s", title, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        r.line("");
        r.line("Machine: %d cores, %s %s, Java %s; max heap %,d MiB; JVM options: %s. One JVM holds the embedded "
                        + "broker, the Flink MiniCluster, the load producer and the alert reader.",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, jvmOptions());
        r.line("Job: parallelism %d, checkpoint interval %,d ms, buffer timeout %d ms, state backend %s, alerts "
                        + "written at least once as they are emitted; %,d load chargers over %d compounds (+ the "
                        + "Lianhu gates and crowd counters: %,d devices sending).", s.parallelism(), s.checkpointMs(),
                s.bufferTimeoutMs(), s.stateBackend(), s.loadChargers(), s.chargerCompounds(), s.devices());
        r.line("");
    }

    private static String jvmOptions() {
        String options = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-Xlog:"))
                .collect(Collectors.joining(" "));
        return (options.isEmpty() ? "none" : options)
                + GcLog.ofThisJvm().map(g -> ", GC log " + g.file().getFileName()).orElse(", no GC log");
    }

    static String percentiles(Histogram h) {
        return String.format("p50 %d  p90 %d  p99 %d  p99.9 %d  max %d ms", h.getValueAtPercentile(50),
                h.getValueAtPercentile(90), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9),
                h.getMaxValue());
    }

    static String alerts(Map<String, Long> counts) {
        return counts.isEmpty() ? "none" : counts.entrySet().stream()
                .map(e -> String.format("%s %,d", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    static void tasks(Report r, List<TaskUsage> tasks) {
        if (tasks == null || tasks.isEmpty()) {
            r.line("tasks        not measured");
            return;
        }
        r.line("tasks        ms per second, mean over the window and the subtasks (busiest subtask); Flink folds an "
                + "ongoing idle or back-pressured stretch in every 5 s, so a mostly idle task may read a few ms/s "
                + "under 0 or over 1,000:");
        r.line("               busy         backpressured  idle  task");
        for (TaskUsage u : tasks) {
            r.line("             %5.0f (%5.0f)  %5.0f          %5.0f  %s", u.mean().busyMs(), u.busiestMs(),
                    u.mean().backPressuredMs(), u.mean().idleMs(), u.task());
        }
    }

    static void usage(Report r, ProcessMeter.Usage u) {
        if (u == null) {
            r.line("cpu/heap     not measured");
            return;
        }
        r.line("cpu          %.2f cores of %d (process CPU time / wall, %.1f s); by threads:", u.cores(),
                Runtime.getRuntime().availableProcessors(), u.wallSeconds());
        u.byThreads().forEach((thread, cores) -> r.line("             %5.2f  %s", cores, thread));
        r.line("heap         used max %,d MiB, mean %,d MiB (sampled every 0.5 s) of %,d MiB", u.heapMaxUsedMiB(),
                u.heapMeanUsedMiB(), u.heapLimitMiB());
    }

    static void gc(Report r, GcSummary gc, double windowSeconds) {
        if (gc == null) {
            r.line("gc           no GC log (start the JVM with -Xlog:gc*:file=…:uptime,level,tags)");
            return;
        }
        r.line("gc           %,d pauses (%s): total %,.0f ms (%.1f %% of the window), max %.1f ms; pause CPU "
                        + "(User+Sys) %.1f s", gc.pauses(), gc.byKind().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")),
                gc.totalMs(), 100 * gc.totalMs() / 1000 / windowSeconds, gc.maxMs(), gc.cpuSeconds());
    }

    static void decoder(Report r, long undecodable, long clockCorrected) {
        r.line("decoder      %,d undecodable records, %,d readings with a corrected clock (both should be 0)",
                undecodable, clockCorrected);
    }
}
