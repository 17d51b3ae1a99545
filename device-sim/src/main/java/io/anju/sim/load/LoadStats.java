package io.anju.sim.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Counters and the PUBACK latency histogram (microseconds) of a load run; safe to update from any thread. */
public final class LoadStats {
    public final LongAdder sent = new LongAdder();
    public final LongAdder acknowledged = new LongAdder();
    public final LongAdder errors = new LongAdder();
    public final LongAdder connectFailures = new LongAdder();
    public final AtomicInteger connected = new AtomicInteger();
    private final Recorder latency = new Recorder(TimeUnit.SECONDS.toMicros(60), 3);
    private final Histogram total = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);

    public void recordAck(long sentAtNanos, long nowNanos) {
        acknowledged.increment();
        long micros = Math.max(1, (nowNanos - sentAtNanos) / 1_000);
        latency.recordValue(Math.min(micros, TimeUnit.SECONDS.toMicros(60)));
    }

    /** Moves what was recorded since the last call into the run's total histogram and returns the total. */
    public synchronized Histogram latencyMicros() {
        total.add(latency.getIntervalHistogram());
        return total;
    }

    public long inFlight() {
        return Math.max(0, sent.sum() - acknowledged.sum() - errors.sum());
    }
}
