package io.anju.jobs.bench;

import io.anju.common.registry.RegistryDocument;
import io.anju.jobs.JobsSettings;
import io.anju.jobs.input.DeviceInput;
import io.anju.jobs.input.EnvelopeDecoder;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./anju bench jobs}: throughput of the alerting job through its whole graph (Kafka source → decode →
 * enrichment → detectors → transactional Kafka sinks), and publish → alert latency at a steady rate. One phase per
 * run, so each gets a fresh JVM, broker and MiniCluster; scripts/bench-jobs.sh runs the set and appends the
 * sections into one report. Progress and the report go to the console (this is a CLI front end).
 */
@Command(name = "bench jobs", mixinStandardHelpOptions = true,
        description = "Benchmark the alerting job on this machine: 'throughput' (a pre-filled backlog read from the "
                + "beginning) or 'latency' (a paced producer, publish → alert on anju.alerts).")
public final class JobsBench implements Callable<Integer> {
    private static final PrintStream OUT = System.out;

    @CommandLine.Parameters(index = "0", description = "throughput or latency")
    private String phase;
    @Option(names = "--events", description = "Throughput: envelopes in the backlog (default 3,000,000).")
    private long events = 3_000_000;
    @Option(names = "--load-chargers", description = "Load chargers in the registry (default 10,000).")
    private int loadChargers = 10_000;
    @Option(names = "--rate", description = "Latency: messages per second (default 20,000).")
    private double rate = 20_000;
    @Option(names = "--seconds", description = "Latency: measured seconds (default 60).")
    private double seconds = 60;
    @Option(names = "--warmup", description = "Latency: unmeasured seconds of load first (default 15).")
    private double warmup = 15;
    @Option(names = "--overload-every", description = "One charger reading in N overloads a port (default: 1,000 "
            + "for throughput, 20 for latency).")
    private Integer overloadEvery;
    @Option(names = "--checkpoint-ms", description = "Checkpoint interval (default: 1,000 for throughput, the "
            + "job's 2,000 for latency).")
    private Long checkpointMs;
    @Option(names = "--buffer-timeout-ms", description = "Flink network buffer timeout (default: the job's 5; Flink's "
            + "own default is 100).")
    private Long bufferTimeoutMs;
    @Option(names = "--parallelism", description = "Operator parallelism (default 2).")
    private int parallelism = 2;
    @Option(names = "--seed", description = "Seed of the registry and the traffic (default 7).")
    private long seed = 7;
    @Option(names = "--work-dir", description = "Broker and checkpoint files, deleted after the run (default target/bench-work).")
    private Path workDir = Path.of("target", "bench-work");
    @Option(names = "--out", description = "Markdown report (default target/bench-jobs.md).")
    private Path out = Path.of("target", "bench-jobs.md");
    @Option(names = "--append", description = "Append to --out instead of replacing it.")
    private boolean append;

    public static void main(String[] args) {
        System.exit(new CommandLine(new JobsBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        boolean throughput = "throughput".equals(phase);
        if (!throughput && !"latency".equals(phase)) {
            OUT.println("bench jobs: phase must be 'throughput' or 'latency', was '" + phase + "'");
            return 2;
        }
        Duration checkpoint = Duration.ofMillis(checkpointMs != null ? checkpointMs : throughput ? 1_000 : 2_000);
        BenchReport report = new BenchReport(OUT);
        try {
            run(throughput, checkpoint, report);
        } catch (IllegalArgumentException e) {
            OUT.println("bench jobs: bad configuration: " + e.getMessage());
            return 2;
        }
        report.write(out, append);
        OUT.println("bench jobs: report " + (append ? "appended to " : "written to ") + out.toAbsolutePath());
        return 0;
    }

    private void run(boolean throughput, Duration checkpoint, BenchReport report) throws Exception {
        try (BenchRig rig = BenchRig.start(workDir, loadChargers, seed)) {
            JobsSettings defaults = rig.settings(parallelism, checkpoint, Duration.ofMillis(5));
            JobsSettings settings = rig.settings(parallelism, checkpoint,
                    bufferTimeoutMs != null ? Duration.ofMillis(bufferTimeoutMs) : defaults.bufferTimeout());
            checkDecodable(rig.registry());
            if (throughput) {
                int every = overloadEvery != null ? overloadEvery : 1_000;
                ThroughputRun.Result r = new ThroughputRun(rig, OUT).run(events, every, settings, seed);
                reportThroughput(report, r, settings, every);
            } else {
                int every = overloadEvery != null ? overloadEvery : 20;
                LatencyRun.Result r = new LatencyRun(rig, OUT).run(rate, warmup, seconds, every, settings, seed);
                reportLatency(report, r, settings, every);
            }
        }
    }

    /** The envelopes are written by hand for speed: make sure the job reads every kind before measuring anything. */
    private void checkDecodable(RegistryDocument registry) throws EnvelopeDecoder.UndecodableEnvelope {
        Traffic sample = new Traffic(registry, 1, seed);
        EnvelopeDecoder decoder = new EnvelopeDecoder(new io.anju.jobs.time.ClockRule(JobsSettings.DEFAULT_CLOCK_TOLERANCE), () -> { });
        for (int i = 0; i < 50_000; i++) {
            Traffic.Message m = sample.next(-1, 1_800_000_000_000L);
            DeviceInput in = decoder.decode(m.value());
            if (m.overload() && !(in instanceof DeviceInput.Charger)) {
                throw new IllegalStateException("an overload reading did not decode as charger telemetry: " + in);
            }
        }
    }

    private void header(BenchReport report, String title, JobsSettings s) {
        report.line("## %s — %s", title, Instant.now().toString().substring(0, 19) + "Z");
        report.line("");
        report.line("Machine: %d cores, %s, Java %s; max heap %d MiB. One JVM holds the embedded broker, the Flink "
                        + "MiniCluster and the load producer/readers.", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
        report.line("Job: parallelism %d, checkpoint interval %d ms, buffer timeout %d ms, state backend %s, "
                        + "%,d load chargers (+ the Lianhu gates and crowd counters).", s.parallelism(),
                s.checkpointInterval().toMillis(), s.bufferTimeout().toMillis(), s.stateBackend(), loadChargers);
        report.line("");
    }

    private void reportThroughput(BenchReport report, ThroughputRun.Result r, JobsSettings s, int every) {
        header(report, "Alerting job throughput", s);
        report.line("Backlog: %,d envelopes (charger telemetry with 10 ports every 30 s, crowd every 10 s, gate "
                + "passes every 20 s, status every 120 s; 1 charger reading in %,d overloads a port), written in "
                + "%.1f s before the job starts.", r.events(), every, r.prefillSeconds());
        report.line("");
        report.line("```");
        report.line("throughput   %,.0f events/s (committed offsets, 10 %% → 90 %% of the backlog, %.1f s)",
                r.ratePerSecond(), r.windowSeconds());
        report.line("all          %,d events committed %.1f s after the job was submitted (start-up included)",
                r.events(), r.secondsToAll());
        report.line("alerts       port_overload raised %,d of %,d overload readings; all alerts: %s", r.raised(),
                r.overloads(), r.alerts());
        usage(report, r.usage());
        report.line("```");
    }

    private void reportLatency(BenchReport report, LatencyRun.Result r, JobsSettings s, int every) {
        header(report, "Publish → alert latency", s);
        PacedProducer.Result sent = r.sent();
        report.line("A paced producer (linger 5 ms, lz4, acks=all, as the gateway) writes envelopes whose ts is the "
                + "wall-clock publish time; 1 charger reading in %,d puts one port at 1,300 W (immediate red), the "
                + "next reading of that device clears it. %.0f s warm-up, then %.0f s measured. Latency = arrival on "
                + "anju.alerts − firstEventTs of each RAISED port_overload.", every, warmup, seconds);
        report.line("");
        report.line("```");
        report.line("producer     %,d sent in %.1f s: %,.0f/s of %,.0f/s target; fell behind by at most %d ms; "
                        + "%d send errors — rate %s", sent.sent(), sent.seconds(), sent.ratePerSecond(), r.targetRate(),
                sent.maxBehindMs(), sent.errors(), sent.keptRate(r.targetRate()) ? "kept" : "NOT kept");
        report.line("written      %s", percentiles(r.written(), r.writtenCount(), sent.overloads()));
        report.line("committed    %s", percentiles(r.committed(), r.committedCount(), sent.overloads()));
        report.line("job lag      %,d envelopes not yet committed by the job when the measured stretch ended "
                + "(offsets commit with each checkpoint: up to one interval of traffic is normal)", r.lagAtEnd());
        report.line("other alerts %,d (the traffic should raise none)", r.otherAlerts());
        usage(report, r.usage());
        report.line("```");
    }

    private static String percentiles(Histogram h, long seen, long expected) {
        if (seen == 0) {
            return String.format("no port_overload raise arrived for the %,d overload readings sent (job behind?)",
                    expected);
        }
        return String.format("ms p50 %d  p90 %d  p99 %d  p99.9 %d  max %d  (%,d raised of %,d overload readings)",
                h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9), h.getMaxValue(), seen, expected);
    }

    private static void usage(BenchReport report, ProcessMeter.Usage u) {
        if (u == null) {
            report.line("cpu/heap     not measured (the run did not reach both marks)");
            return;
        }
        report.line("cpu          %.2f cores of %d (process CPU time / wall, %.1f s); by threads:", u.cores(),
                Runtime.getRuntime().availableProcessors(), u.wallSeconds());
        for (Map.Entry<String, Double> e : u.byThreads().entrySet()) {
            report.line("             %5.2f  %s", e.getValue(), e.getKey());
        }
        report.line("heap         used max %,d MiB, mean %,d MiB (sampled every 0.5 s) of %,d MiB", u.heapMaxUsedMiB(),
                u.heapMeanUsedMiB(), u.heapLimitMiB());
    }
}
