package io.anju.dashboards.ops;

/**
 * One scrape of a service's /metrics: the samples (null when the service did not answer) and when they were read
 * (monotonic nanoseconds, for rates).
 */
public record Scrape(PrometheusText metrics, long atNanos) {

    public boolean up() {
        return metrics != null;
    }

    /** Per-second rate of a counter between {@code previous} and this scrape; null without two readings or after a reset. */
    public Double rate(Scrape previous, java.util.function.ToDoubleFunction<PrometheusText> counter) {
        if (!up() || previous == null || !previous.up() || atNanos <= previous.atNanos) {
            return null;
        }
        double delta = counter.applyAsDouble(metrics) - counter.applyAsDouble(previous.metrics);
        if (delta < 0) {
            return null; // the service restarted: its counters began again
        }
        return delta / ((atNanos - previous.atNanos) / 1e9);
    }
}
