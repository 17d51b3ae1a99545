package io.anju.bench.jobs.run;

import java.util.OptionalDouble;

/**
 * Binary search for the highest rate that passes, to within {@code resolution}: {@code from} first (if it fails,
 * nothing in the range passes), then the middle of the highest pass and the lowest failure (or {@code to} while
 * nothing failed), rounded to 500/s; {@code to} itself is probed only when everything below it passed.
 */
public final class RateSearch {
    private static final double ROUND_TO = 500;

    private final double from;
    private final double to;
    private final double resolution;
    private double passed = Double.NaN;
    private double failed = Double.NaN;

    public RateSearch(double from, double to, double resolution) {
        if (!(from > 0 && to > from && resolution > 0)) {
            throw new IllegalArgumentException("need 0 < from < to and resolution > 0, were " + from + ", " + to
                    + ", " + resolution);
        }
        this.from = from;
        this.to = to;
        this.resolution = resolution;
    }

    /** The next rate to probe; empty when the search is over. */
    public OptionalDouble next() {
        if (Double.isNaN(passed)) {
            return Double.isNaN(failed) ? OptionalDouble.of(from) : OptionalDouble.empty();
        }
        double upper = Double.isNaN(failed) ? to : failed;
        if (passed >= to || upper - passed <= resolution) {
            return passed < to && Double.isNaN(failed) ? OptionalDouble.of(to) : OptionalDouble.empty();
        }
        double mid = Math.round((passed + upper) / 2 / ROUND_TO) * ROUND_TO;
        return OptionalDouble.of(mid > passed && mid < upper ? mid : (passed + upper) / 2);
    }

    public void record(double rate, boolean pass) {
        if (pass) {
            passed = Double.isNaN(passed) ? rate : Math.max(passed, rate);
        } else {
            failed = Double.isNaN(failed) ? rate : Math.min(failed, rate);
        }
    }

    /** The highest rate that passed, if any did. */
    public OptionalDouble highestPassed() {
        return Double.isNaN(passed) ? OptionalDouble.empty() : OptionalDouble.of(passed);
    }
}
