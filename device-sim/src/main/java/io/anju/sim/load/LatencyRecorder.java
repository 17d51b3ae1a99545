package io.anju.sim.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.TimeUnit;

/** One latency distribution of a load run in microseconds (up to 60 s), recorded from any thread. */
final class LatencyRecorder {
    private static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(60);

    private final Recorder recorder = new Recorder(HIGHEST_MICROS, 3);
    private final Histogram total = new Histogram(HIGHEST_MICROS, 3);

    void record(long startNanos, long endNanos) {
        long micros = Math.max(1, (endNanos - startNanos) / 1_000);
        recorder.recordValue(Math.min(micros, HIGHEST_MICROS));
    }

    /** Everything recorded so far (the recorder's intervals folded into one total). */
    synchronized Latencies total() {
        total.add(recorder.getIntervalHistogram());
        return Latencies.of(total);
    }
}
