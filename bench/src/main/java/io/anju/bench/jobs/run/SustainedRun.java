package io.anju.bench.jobs.run;

import io.anju.bench.jobs.measure.AlertTail;
import io.anju.bench.jobs.measure.GcLog;
import io.anju.bench.jobs.measure.JobSnapshot;
import io.anju.bench.jobs.measure.LagSampler;
import io.anju.bench.jobs.measure.LagTrend;
import io.anju.bench.jobs.measure.ProbeBook;
import io.anju.bench.jobs.measure.ProcessMeter;
import io.anju.bench.jobs.measure.TaskUsage;
import io.anju.bench.jobs.traffic.DecodeCheck;
import io.anju.bench.jobs.traffic.PacedProducer;
import io.anju.bench.jobs.traffic.Traffic;
import io.anju.jobs.config.JobsSettings;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A paced load at a steady rate against the running alerting job: the producer writes from the start of the warm-up
 * to the end of the window without a pause, so the measured window sees a job already in its steady state. Its rate
 * rises from 0 over the first half of the warm-up and holds for the second, so the records of a job's slow first
 * seconds are drained before the window opens instead of making it look unbounded. The
 * window's lag, publish → alert latencies, task times, CPU and GC are measured; the producer then goes on for up to
 * 10 s, so the window's last overload readings meet the same load, while their alerts arrive.
 */
public final class SustainedRun {
    private static final long SETTLE_MS = 10_000;
    private static final long PROGRESS_MS = 5_000;

    private final RunConfig config;
    private final Consumer<String> progress;

    public SustainedRun(RunConfig config, Consumer<String> progress) {
        this.config = config;
        this.progress = progress;
    }

    public SustainedResult run(double rate, double warmupSeconds, double seconds, int overloadEvery)
            throws Exception {
        try (BenchRig rig = BenchRig.start(config.workDir(), config.loadChargers(), config.seed())) {
            Traffic traffic = new Traffic(rig.registry(), overloadEvery, config.seed());
            DecodeCheck.verify(traffic);
            JobsSettings settings = rig.settings(config.parallelism(), config.checkpointInterval(),
                    config.bufferTimeout());
            RunSetup setup = RunSetup.of(settings, config.loadChargers(), traffic, overloadEvery,
                    rig.inputPartitions(), config.compression());
            ProbeBook probes = new ProbeBook();
            try (AlertTail tail = new AlertTail(rig.bootstrap(), probes);
                 MeasuredJob job = MeasuredJob.start(rig, settings);
                 ProcessMeter meter = new ProcessMeter()) {
                job.awaitReading(Duration.ofSeconds(90));
                progress.accept(String.format("sustained: job reading all %d input partitions; %,.0f envelopes/s "
                                + "from %,d devices (%.0f %% charger telemetry), %.0f s warm-up, %.0f s measured",
                        setup.inputPartitions(), rate, traffic.devices(), 100 * traffic.chargerShare(), warmupSeconds,
                        seconds));
                try (PacedProducer producer = new PacedProducer(rig.producer(5, 64 * 1024, config.compression()), traffic,
                        rate, Duration.ofMillis((long) (warmupSeconds * 500)), m -> probes.sent(m.deviceId(), m.overloadPort(), m.ts())).start()) {
                    long started = System.currentTimeMillis();
                    stretch("warm-up", started, started + (long) (warmupSeconds * 1000), producer, job.lag(),
                            probes);
                    long from = System.currentTimeMillis();
                    PacedProducer.Counts atFrom = producer.counts();
                    producer.takeMaxBehindMs();
                    meter.start();
                    long gcFrom = GcLog.uptimeMs();
                    stretch("measured", from, from + (long) (seconds * 1000), producer, job.lag(), probes);
                    long to = System.currentTimeMillis();
                    PacedProducer.Counts inWindow = producer.counts().minus(atFrom);
                    long maxBehind = producer.takeMaxBehindMs();
                    ProcessMeter.Usage usage = meter.stop();
                    long gcTo = GcLog.uptimeMs();
                    settle(probes, from, to);
                    return result(setup, rate, warmupSeconds, (to - from) / 1000.0, inWindow, maxBehind,
                            job.lag().between(from, to), probes, tail, usage, gcFrom, gcTo, from, to);
                }
            }
        }
    }

    /** Lets the load run until {@code until}, with a progress line every 5 s. */
    private void stretch(String name, long start, long until, PacedProducer producer, LagSampler lag,
                         ProbeBook probes) throws InterruptedException {
        PacedProducer.Counts last = producer.counts();
        long lastAt = start;
        long now;
        while ((now = System.currentTimeMillis()) < until) {
            Thread.sleep(Math.max(1, Math.min(until, lastAt + PROGRESS_MS) - now));
            now = System.currentTimeMillis();
            if (now >= lastAt + PROGRESS_MS) {
                PacedProducer.Counts counts = producer.counts();
                progress.accept(progressLine(name, (now - start) / 1000.0, counts.minus(last),
                        (now - lastAt) / 1000.0, lag.between(start, now), probes.in(start, now)));
                last = counts;
                lastAt = now;
            }
        }
    }

    private static String progressLine(String name, double at, PacedProducer.Counts sent, double seconds,
                                       List<LagSampler.Sample> samples, ProbeBook.Answers answers) {
        String lag = "";
        String busy = "";
        if (!samples.isEmpty()) {
            LagSampler.Sample first = samples.get(0);
            LagSampler.Sample last = samples.get(samples.size() - 1);
            lag = String.format("  lag %,d (receive lag %,d ms)", last.lag(), last.job().receiveLagMs());
            if (last.atMs() > first.atMs()) {
                busy = "  busy ms/s " + TaskUsage.between(first.job(), last.job(),
                                (last.atMs() - first.atMs()) / 1000.0).stream().limit(2)
                        .map(u -> String.format("%s %.0f", u.task(), u.mean().busyMs()))
                        .collect(Collectors.joining(", "));
            }
        }
        String p99 = answers.raised() == 0 ? "–" : answers.latencyMs().getValueAtPercentile(99) + " ms";
        return String.format("sustained: %-8s %4.0f s  sent %,7.0f/s (charger %,.0f/s)%s  overloads %,d raised %,d "
                        + "p99 %s%s", name, at, sent.sent() / seconds, sent.chargers() / seconds, lag, answers.sent(),
                answers.raised(), p99, busy);
    }

    /** Waits (the producer still sending) until every overload reading of the window was answered, at most 10 s. */
    private void settle(ProbeBook probes, long from, long to) throws InterruptedException {
        long deadline = System.currentTimeMillis() + SETTLE_MS;
        ProbeBook.Answers a = probes.in(from, to);
        while (a.raised() < a.sent() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            a = probes.in(from, to);
        }
        if (a.raised() < a.sent()) {
            progress.accept(String.format("sustained: %,d of the window's %,d overload readings still unanswered "
                    + "%d s after it ended", a.sent() - a.raised(), a.sent(), SETTLE_MS / 1000));
        }
    }

    private static SustainedResult result(RunSetup setup, double rate, double warmup, double seconds,
                                          PacedProducer.Counts sent, long maxBehind, List<LagSampler.Sample> window,
                                          ProbeBook probes, AlertTail tail, ProcessMeter.Usage usage, long gcFrom,
                                          long gcTo, long from, long to) {
        if (window.size() < 2) {
            throw new IllegalStateException("fewer than 2 lag samples in the measured window: is Flink's "
                    + "Prometheus reporter answering? (see the warnings above)");
        }
        LagSampler.Sample first = window.get(0);
        LagSampler.Sample last = window.get(window.size() - 1);
        double sampled = (last.atMs() - first.atMs()) / 1000.0;
        JobSnapshot end = last.job();
        long receiveLagMax = window.stream().mapToLong(s -> s.job().receiveLagMs()).max().orElse(0);
        return new SustainedResult(setup, rate, warmup, seconds, sent, maxBehind, LagTrend.of(window),
                (end.consumed() - first.job().consumed()) / sampled, end.receiveLagMs(), receiveLagMax,
                probes.in(from, to), probes.unmatched(), tail.counts(),
                TaskUsage.between(first.job(), end, sampled), usage,
                GcLog.ofThisJvm().map(g -> g.between(gcFrom, gcTo)).orElse(null), end.undecodable(),
                end.clockCorrected());
    }
}
