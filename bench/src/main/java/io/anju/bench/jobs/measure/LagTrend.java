package io.anju.bench.jobs.measure;

import java.util.List;

/**
 * The job's lag over a measured window: at its start and end, its largest, and its slope (records per second,
 * least squares over every sample). Bounded means the job keeps up with input at rate R: the lag grows by less than
 * 1 % of R per second, and at the end it is under one second of input. A lag that falls and ends under one second
 * of input is bounded too: the job drained what piled up while it warmed up, so it reads faster than R.
 *
 * @param samples how many samples the figures rest on (NaN slope with fewer than 2)
 */
public record LagTrend(int samples, long startLag, long endLag, long maxLag, double slopePerSecond) {

    public static LagTrend of(List<LagSampler.Sample> window) {
        double[] seconds = new double[window.size()];
        long[] lag = new long[window.size()];
        for (int i = 0; i < window.size(); i++) {
            seconds[i] = (window.get(i).atMs() - window.get(0).atMs()) / 1000.0;
            lag[i] = window.get(i).lag();
        }
        return of(seconds, lag);
    }

    public static LagTrend of(double[] seconds, long[] lag) {
        int n = seconds.length;
        if (n == 0) {
            return new LagTrend(0, 0, 0, 0, Double.NaN);
        }
        double meanT = 0;
        double meanLag = 0;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            meanT += seconds[i] / n;
            meanLag += (double) lag[i] / n;
            max = Math.max(max, lag[i]);
        }
        double covariance = 0;
        double variance = 0;
        for (int i = 0; i < n; i++) {
            covariance += (seconds[i] - meanT) * (lag[i] - meanLag);
            variance += (seconds[i] - meanT) * (seconds[i] - meanT);
        }
        double slope = variance > 0 ? covariance / variance : Double.NaN;
        return new LagTrend(n, lag[0], lag[n - 1], max, slope);
    }

    /** slope < 1 % of {@code rate} per second, and the lag at the end < {@code rate} records (1 s of input). */
    public boolean bounded(double rate) {
        return slopePerSecond < 0.01 * rate && endLag < rate;
    }

    /** "BOUNDED", or why the lag is not bounded at {@code rate}. */
    public String verdict(double rate) {
        if (Double.isNaN(slopePerSecond)) {
            return "not measured (fewer than 2 lag samples)";
        }
        if (bounded(rate)) {
            return "BOUNDED";
        }
        String why = slopePerSecond < 0.01 * rate ? "" : "growing by ≥ 1 % of the rate per second";
        String end = endLag >= rate ? "over 1 s of input at the end" : "";
        return "NOT BOUNDED (" + (why.isEmpty() ? end : end.isEmpty() ? why : why + "; " + end) + ")";
    }
}
