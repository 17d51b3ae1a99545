package io.anju.bench.jobs.measure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every second, on its own thread: the job's figures from Flink ({@link JobSnapshot}), then the input topics' end
 * offsets. In that order, so that the lag (end − consumed) errs by the few ms between the two reads on the side of
 * too much, never below zero.
 */
public final class LagSampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LagSampler.class);

    /** One sample: the wall clock (ms) after both reads, the input's end offsets and the job's figures. */
    public record Sample(long atMs, long endOffsets, JobSnapshot job) {
        /** Records written to the input and not yet emitted by the job's source. */
        public long lag() {
            return endOffsets - job.consumed();
        }
    }

    private final EndOffsets ends;
    private final FlinkMetrics metrics;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-lag-sampler");
        t.setDaemon(true);
        return t;
    });
    private final List<Sample> samples = new ArrayList<>();

    public LagSampler(EndOffsets ends, FlinkMetrics metrics) {
        this.ends = ends;
        this.metrics = metrics;
    }

    public LagSampler start() {
        timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
        return this;
    }

    private void sample() {
        try {
            JobSnapshot job = metrics.scrape();
            long end = ends.total();
            synchronized (this) {
                samples.add(new Sample(System.currentTimeMillis(), end, job));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("no lag sample this second: {}", e.toString());
        }
    }

    public synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** The samples taken in [fromMs, toMs]. */
    public synchronized List<Sample> between(long fromMs, long toMs) {
        List<Sample> in = new ArrayList<>();
        for (Sample s : samples) {
            if (s.atMs() >= fromMs && s.atMs() <= toMs) {
                in.add(s);
            }
        }
        return in;
    }

    /** The newest sample, or null before the first. */
    public synchronized Sample latest() {
        return samples.isEmpty() ? null : samples.get(samples.size() - 1);
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(10, TimeUnit.SECONDS);
    }
}
