package io.anju.bench.jobs.run;

import io.anju.bench.jobs.measure.EndOffsets;
import io.anju.bench.jobs.measure.FlinkMetrics;
import io.anju.bench.jobs.measure.LagSampler;
import io.anju.jobs.config.JobsSettings;
import io.anju.jobs.run.JobsRunner;
import io.anju.jobs.topology.DeviceStreams;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

/**
 * The alerting job in a Flink MiniCluster on the rig's broker, with Flink's Prometheus reporter on a free port and
 * its lag sampled every second ({@link LagSampler}). Closing it kills the job (no savepoint: nothing continues).
 */
final class MeasuredJob implements AutoCloseable {
    private final JobsRunner jobs;
    private final EndOffsets ends;
    private final LagSampler lag;

    private MeasuredJob(JobsRunner jobs, EndOffsets ends, LagSampler lag) {
        this.jobs = jobs;
        this.ends = ends;
        this.lag = lag;
    }

    static MeasuredJob start(BenchRig rig, JobsSettings settings) throws Exception {
        int port = freePort();
        JobsRunner jobs = new JobsRunner(settings, 0).withPrometheusReporter(port);
        try {
            jobs.start();
            EndOffsets ends = new EndOffsets(rig.bootstrap(), DeviceStreams.inputTopics());
            return new MeasuredJob(jobs, ends, new LagSampler(ends, new FlinkMetrics(port)).start());
        } catch (Exception e) {
            jobs.kill();
            throw e;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Waits until the job runs and its source reports an offset for every input partition. */
    void awaitReading(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!jobs.allRunning() || lag.latest() == null || lag.latest().job().partitions() < ends.partitions()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the alerting job was not reading all " + ends.partitions()
                        + " input partitions within " + timeout.toSeconds() + " s: " + jobs.status()
                        + (lag.latest() == null ? ", no metrics" : ", partitions " + lag.latest().job().partitions()));
            }
            Thread.sleep(200);
        }
    }

    LagSampler lag() {
        return lag;
    }

    @Override
    public void close() throws InterruptedException {
        lag.close();
        ends.close();
        jobs.kill();
        jobs.close();
    }
}
