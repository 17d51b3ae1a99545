package io.anju.sim.load;

import org.HdrHistogram.Histogram;

/** Percentiles of one latency distribution, in milliseconds; all zero when nothing was recorded. */
public record Latencies(long count, double p50Ms, double p99Ms, double p999Ms, double maxMs) {

    static Latencies of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new Latencies(0, 0, 0, 0, 0);
        }
        return new Latencies(micros.getTotalCount(), ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(99)), ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
