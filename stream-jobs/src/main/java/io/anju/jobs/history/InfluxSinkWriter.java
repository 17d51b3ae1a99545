package io.anju.jobs.history;

import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.influxdb.InfluxDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Buffers line protocol and writes it in batches: when {@code batchSize} points are buffered, when the oldest
 * buffered point waited {@code flushInterval}, and at every {@link #flush} (each checkpoint and the end of input),
 * which returns only once InfluxDB took everything. A failed write is retried with exponential back-off; after
 * {@code maxRetries} the writer throws so that Flink restarts the job from its last checkpoint.
 *
 * <p>{@code historyLagMs} is how far history is behind: wall clock minus the newest event time among the points
 * InfluxDB has taken (0 before the first write). It grows while the job falls behind, while InfluxDB is slow or down,
 * and also while no data arrives at all (read it with the sources' {@code records_lag_max}).
 *
 * <p>Points InfluxDB refuses for what they are (a field type conflict, a timestamp outside the retention policy,
 * an unparsable line) are logged and their batch counted, not retried: InfluxDB 1.x stores the rest of such a batch, and
 * retrying could only fail the job forever.
 */
final class InfluxSinkWriter implements SinkWriter<SeriesPoint> {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxSinkWriter.class);

    /** How the writer waits between retries; tests pass a fake to run without real delays. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final InfluxSettings settings;
    private final LineStore store;
    private final ProcessingTimeService timers;
    private final Sleeper sleeper;
    private final List<String> buffer;
    private final Counter pointsWritten;
    private final Counter batchesWithRejectedPoints;
    private final Counter pointsWithoutFields;
    private final Counter writeFailures;
    private final Histogram batchLatencyMs;
    private boolean timerPending;
    /** Newest event time among the buffered points, and among the points written (read by the metrics thread). */
    private long bufferedNewestTs = Long.MIN_VALUE;
    private volatile long writtenNewestTs = Long.MIN_VALUE;

    private InfluxSinkWriter(InfluxSettings settings, LineStore store, MetricGroup metrics,
                             ProcessingTimeService timers, Sleeper sleeper) {
        this.settings = settings;
        this.store = store;
        this.timers = timers;
        this.sleeper = sleeper;
        this.buffer = new ArrayList<>(Math.min(settings.batchSize(), 10_000));
        this.pointsWritten = metrics.counter("pointsWritten");
        this.batchesWithRejectedPoints = metrics.counter("batchesWithRejectedPoints");
        this.pointsWithoutFields = metrics.counter("pointsWithoutFields");
        this.writeFailures = metrics.counter("writeFailures");
        this.batchLatencyMs = metrics.histogram("batchLatencyMs", new DescriptiveStatisticsHistogram(1_000));
        metrics.gauge("historyLagMs", (Gauge<Long>) this::lagMs);
    }

    /**
     * A writer whose database exists. {@code timers} may be null (no interval flush: batches are then written when
     * full and at {@link #flush}).
     */
    static InfluxSinkWriter open(InfluxSettings settings, LineStore store, MetricGroup metrics,
                                 ProcessingTimeService timers, Sleeper sleeper) throws IOException,
            InterruptedException {
        InfluxSinkWriter writer = new InfluxSinkWriter(settings, store, metrics, timers, sleeper);
        writer.withRetries("create database " + settings.database(), store::createDatabase);
        LOG.info("writing history to {} (database {}, retention policy {}, batches of {} points or every {})",
                settings.url(), settings.database(), settings.retentionPolicy(), settings.batchSize(),
                settings.flushInterval());
        return writer;
    }

    @Override
    public void write(SeriesPoint point, Context context) throws IOException, InterruptedException {
        if (!point.writable()) {
            pointsWithoutFields.inc();
            return;
        }
        buffer.add(point.toLineProtocol());
        bufferedNewestTs = Math.max(bufferedNewestTs, point.tsMs());
        if (buffer.size() >= settings.batchSize()) {
            writeBuffered();
        } else if (buffer.size() == 1) {
            scheduleIntervalFlush();
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        writeBuffered();
    }

    /** Points buffered and not yet written. */
    int buffered() {
        return buffer.size();
    }

    /** Wall clock minus the newest event time InfluxDB has taken; 0 before the first write. */
    long lagMs() {
        long written = writtenNewestTs;
        if (written == Long.MIN_VALUE) {
            return 0L;
        }
        long now = timers == null ? System.currentTimeMillis() : timers.getCurrentProcessingTime();
        return Math.max(0L, now - written);
    }

    @Override
    public void close() {
        if (!buffer.isEmpty()) {
            // Not written since the last checkpoint: the restart replays them from Kafka.
            LOG.info("closing with {} unwritten points; they are replayed from the last checkpoint", buffer.size());
        }
        store.close();
    }

    private void scheduleIntervalFlush() {
        if (timers == null || timerPending) {
            return;
        }
        timerPending = true;
        long due = timers.getCurrentProcessingTime() + settings.flushInterval().toMillis();
        timers.registerTimer(due, now -> {
            timerPending = false;
            writeBuffered();
        });
    }

    private void writeBuffered() throws IOException, InterruptedException {
        if (buffer.isEmpty()) {
            return;
        }
        List<String> batch = List.copyOf(buffer);
        long start = System.nanoTime();
        withRetries("write of " + batch.size() + " points", () -> writeOrReject(batch));
        batchLatencyMs.update((System.nanoTime() - start) / 1_000_000);
        buffer.clear();
        writtenNewestTs = Math.max(writtenNewestTs, bufferedNewestTs);
        bufferedNewestTs = Long.MIN_VALUE;
    }

    private void writeOrReject(List<String> batch) {
        try {
            store.write(batch);
            pointsWritten.inc(batch.size());
        } catch (InfluxDBException.FieldTypeConflictException
                 | InfluxDBException.PointsBeyondRetentionPolicyException
                 | InfluxDBException.UnableToParseException e) {
            // InfluxDB stored the valid points of the batch and told us which it refused.
            batchesWithRejectedPoints.inc();
            LOG.warn("InfluxDB refused points of a batch of {} (the others are stored): {}", batch.size(),
                    e.getMessage());
        } catch (InfluxDBException.DatabaseNotFoundException e) {
            // Dropped while we ran: create it again, then let the retry write the batch.
            store.createDatabase();
            throw e;
        }
    }

    private void withRetries(String what, Runnable action) throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                action.run();
                if (attempt > 0) {
                    LOG.info("InfluxDB {} succeeded after {} retries", what, attempt);
                }
                return;
            } catch (RuntimeException e) {
                writeFailures.inc();
                if (attempt >= settings.maxRetries()) {
                    throw new IOException("InfluxDB " + what + " at " + settings.url() + " failed after "
                            + settings.maxRetries() + " retries; the job restarts from its last checkpoint", e);
                }
                Duration wait = settings.backoff(attempt + 1);
                LOG.warn("InfluxDB {} failed ({}); retry {} of {} in {} ms", what, e.toString(),
                        attempt + 1, settings.maxRetries(), wait.toMillis());
                sleeper.sleep(wait.toMillis());
            }
        }
    }
}
