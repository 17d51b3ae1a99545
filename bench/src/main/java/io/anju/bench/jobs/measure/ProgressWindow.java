package io.anju.bench.jobs.measure;

/**
 * The rate between two fractions of a known total (10 % and 90 %), from (time, count) samples. The crossing times
 * are interpolated between the samples around them, so the figure does not depend on when sampling happened to
 * fall. Samples are taken every second, so the crossings are placed to within a second's progress.
 */
public final class ProgressWindow {
    private final long total;
    private final double from;
    private final double to;
    private long lastNanos = -1;
    private long lastCount;
    private double fromNanos = Double.NaN;
    private double toNanos = Double.NaN;

    public ProgressWindow(long total, double from, double to) {
        this.total = total;
        this.from = from;
        this.to = to;
    }

    public void sample(long nanos, long count) {
        if (lastNanos >= 0) {
            if (Double.isNaN(fromNanos)) {
                fromNanos = crossing(from * total, nanos, count);
            }
            if (Double.isNaN(toNanos)) {
                toNanos = crossing(to * total, nanos, count);
            }
        }
        lastNanos = nanos;
        lastCount = count;
    }

    /** When the count passed {@code mark} between the last sample and this one; NaN when it did not. */
    private double crossing(double mark, long nanos, long count) {
        if (lastCount >= mark || count < mark) {
            return Double.NaN;
        }
        return lastNanos + (mark - lastCount) / (count - lastCount) * (nanos - lastNanos);
    }

    public boolean started() {
        return !Double.isNaN(fromNanos);
    }

    public boolean done() {
        return !Double.isNaN(toNanos);
    }

    /** Records per second between the two marks; NaN until both were passed. */
    public double ratePerSecond() {
        return done() ? (to - from) * total / ((toNanos - fromNanos) / 1e9) : Double.NaN;
    }

    /** Seconds between the two marks; NaN until both were passed. */
    public double seconds() {
        return done() ? (toNanos - fromNanos) / 1e9 : Double.NaN;
    }
}
