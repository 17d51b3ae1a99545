package io.anju.jobs.bench;

import io.anju.common.topic.Topics;
import io.anju.jobs.JobsSettings;
import io.anju.jobs.run.JobsRunner;
import io.anju.jobs.topology.DeviceStreams;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * Phase 2: the alerting job runs first; then a paced producer writes envelopes stamped with their publish time at
 * a steady rate, and two tails of {@code anju.alerts} measure publish → alert for every RAISED port overload: once
 * as written ({@code read_uncommitted}), once as the case system sees it ({@code read_committed}, which adds the
 * wait for the checkpoint that commits the job's Kafka transaction).
 */
final class LatencyRun {
    /** What one latency run measured. */
    record Result(PacedProducer.Result sent, double targetRate, Histogram written, long writtenCount,
                  Histogram committed, long committedCount, long otherAlerts, long lagAtEnd,
                  ProcessMeter.Usage usage) {
    }

    private final BenchRig rig;
    private final PrintStream progress;

    LatencyRun(BenchRig rig, PrintStream progress) {
        this.rig = rig;
        this.progress = progress;
    }

    Result run(double rate, double warmupSeconds, double seconds, int overloadEvery, JobsSettings settings,
               long seed) throws Exception {
        Traffic traffic = new Traffic(rig.registry(), overloadEvery, seed);
        try (JobsRunner jobs = new JobsRunner(settings, 0).start();
             KafkaProducer<String, byte[]> producer = rig.producer(5, 64 * 1024);
             LatencyTail written = new LatencyTail(rig.bootstrap(), Topics.ALERTS, "read_uncommitted");
             LatencyTail committed = new LatencyTail(rig.bootstrap(), Topics.ALERTS, "read_committed");
             ProcessMeter meter = new ProcessMeter();
             LagWatcher lag = new LagWatcher(rig.bootstrap(), settings.groupPrefix() + "-alerts",
                     DeviceStreams.inputTopics())) {
            waitUntilRunning(jobs);
            PacedProducer paced = new PacedProducer(producer, traffic, rate);
            progress.printf("latency: job running (checkpoint %d ms, buffer timeout %d ms); warm-up %.0f s at "
                            + "%,.0f/s%n", settings.checkpointInterval().toMillis(),
                    settings.bufferTimeout().toMillis(), warmupSeconds, rate);
            paced.run(warmupSeconds);
            long from = System.currentTimeMillis();
            written.window(from, Long.MAX_VALUE);
            committed.window(from, Long.MAX_VALUE);
            meter.start();
            PacedProducer.Result sent = stretches(paced, seconds, written, committed);
            ProcessMeter.Usage usage = meter.stop();
            long to = System.currentTimeMillis();
            producer.flush();
            long lagAtEnd = lag.written() - lag.committed();
            written.window(from, to);
            committed.window(from, to);
            // The last alerts of the window reach read_committed readers only with the next checkpoint.
            long settle = settings.checkpointInterval().toMillis() * 2 + 3_000;
            progress.printf("latency: producer done; waiting %.1f s for the last alerts%n", settle / 1000.0);
            paced.run(settle / 1000.0);
            producer.flush();
            jobs.kill();
            return new Result(sent, rate, written.histogram(), written.raisedInWindow(), committed.histogram(),
                    committed.raisedInWindow(), committed.otherAlerts(), lagAtEnd, usage);
        }
    }

    /** The measured stretch in 5 s pieces, with a progress line after each. */
    private PacedProducer.Result stretches(PacedProducer paced, double seconds, LatencyTail written,
                                           LatencyTail committed) {
        long sent = 0;
        long overloads = 0;
        long errors = 0;
        long maxBehind = 0;
        double took = 0;
        while (took < seconds - 1e-6) {
            PacedProducer.Result r = paced.run(Math.min(5.0, seconds - took));
            sent += r.sent();
            overloads += r.overloads();
            errors += r.errors();
            maxBehind = Math.max(maxBehind, r.maxBehindMs());
            took += r.seconds();
            progress.printf("latency: %5.1f s  sent %,d (%,.0f/s)  port overloads raised: written %,d (p99 %d ms), "
                            + "committed %,d (p99 %d ms)%n", took, sent, r.ratePerSecond(), written.raisedInWindow(),
                    written.histogram().getValueAtPercentile(99), committed.raisedInWindow(),
                    committed.histogram().getValueAtPercentile(99));
        }
        return new PacedProducer.Result(sent, overloads, took, sent / took, maxBehind, errors);
    }

    private static void waitUntilRunning(JobsRunner jobs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!jobs.allRunning()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the alerting job did not reach RUNNING in 60 s: " + jobs.status());
            }
            Thread.sleep(200);
        }
    }
}
