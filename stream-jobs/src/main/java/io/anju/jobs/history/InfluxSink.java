package io.anju.jobs.history;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.IOException;

/**
 * Flink Sink V2 that writes {@link SeriesPoint}s to InfluxDB in batches. Each checkpoint flushes the writer and
 * waits until InfluxDB took every buffered point, so a completed checkpoint implies the points are stored; when
 * InfluxDB stays down past the retries the writer throws, the job restarts from its last checkpoint and Kafka
 * replays the rest. Replayed points overwrite themselves (same measurement, tags and timestamp): nothing is lost
 * or doubled.
 *
 * <p>While InfluxDB is slow or down the writer blocks, which back-pressures its own job only: run the history
 * pipeline as a job separate from alerting.
 *
 * <pre>{@code points.sinkTo(new InfluxSink(settings)).name("influx-history");}</pre>
 */
public final class InfluxSink implements Sink<SeriesPoint> {
    private static final long serialVersionUID = 1L;

    private final InfluxSettings settings;

    public InfluxSink(InfluxSettings settings) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("influx.url is not set: without InfluxDB, leave the history sink out");
        }
        this.settings = settings;
    }

    @Override
    public SinkWriter<SeriesPoint> createWriter(WriterInitContext context) throws IOException {
        try {
            return InfluxSinkWriter.open(settings, InfluxLineStore.connect(settings), context.metricGroup(),
                    context.getProcessingTimeService(), Thread::sleep);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating the InfluxDB database", e);
        }
    }

    public InfluxSettings settings() {
        return settings;
    }
}
