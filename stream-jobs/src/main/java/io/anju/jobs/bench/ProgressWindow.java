package io.anju.jobs.bench;

/**
 * The rate between two fractions of a known total (10 % and 90 %), from (time, count) samples. The crossing times
 * are interpolated between the samples around them, so the figure does not depend on when sampling happened to
 * fall; it still inherits the step shape of what is sampled (offsets committed once per checkpoint).
 */
final class ProgressWindow {
    private final long total;
    private final double from;
    private final double to;
    private long lastNanos = -1;
    private long lastCount;
    private double fromNanos = Double.NaN;
    private double toNanos = Double.NaN;

    ProgressWindow(long total, double from, double to) {
        this.total = total;
        this.from = from;
        this.to = to;
    }

    void sample(long nanos, long count) {
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

    boolean started() {
        return !Double.isNaN(fromNanos);
    }

    boolean done() {
        return !Double.isNaN(toNanos);
    }

    /** Records per second between the two marks; NaN until both were passed. */
    double ratePerSecond() {
        return done() ? (to - from) * total / ((toNanos - fromNanos) / 1e9) : Double.NaN;
    }

    double seconds() {
        return done() ? (toNanos - fromNanos) / 1e9 : Double.NaN;
    }
}
