package io.anju.bench.e2e;

import java.util.Arrays;

/**
 * Percentiles of a small set of values (at most some thousands: probe readings, lag samples), by nearest rank on the
 * sorted values: p99 of 100 values is the 99th smallest, so it is always a value that was measured.
 *
 * @param n   values
 * @param p50 median; 0 when there is no value (check {@code n})
 * @param p90 90th percentile
 * @param p99 99th percentile
 * @param max the largest value
 */
record Distribution(int n, double p50, double p90, double p99, double max) {

    static final Distribution EMPTY = new Distribution(0, 0, 0, 0, 0);

    static Distribution of(double[] values) {
        if (values.length == 0) {
            return EMPTY;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Distribution(sorted.length, rank(sorted, 50), rank(sorted, 90), rank(sorted, 99),
                sorted[sorted.length - 1]);
    }

    /** The nearest-rank percentile of sorted values: the smallest value with at least {@code p} % at or below it. */
    static double rank(double[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }
}
