package io.anju.bench.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * What a once-a-second series of one job's lag says about a run: its distribution over the load, how much of the
 * load it stayed within a goal, and when after the load it came back under a bound and stayed there.
 *
 * <p>A second without a sample (the scrape failed, the metric was absent) is no evidence either way: a verdict that
 * the lag was within the goal "throughout" needs samples for at least {@value #MIN_COVERAGE_PERCENT} % of the load's
 * seconds, otherwise it is {@link Verdict#NOT_SHOWN}.
 *
 * @param loadSeconds     whole seconds of load
 * @param loadSamples     samples taken during the load
 * @param load            the load's samples, ms
 * @param goalMs          the goal the verdict is about, and the bound of "recovered" after the load
 * @param withinGoal      load samples ≤ the goal
 * @param longestAboveS   the longest stretch of consecutive load samples above the goal, s (0: none)
 * @param verdict         the lag within the goal throughout the load?
 * @param drainSamples    samples after the load
 * @param drainMaxMs      the largest of them (0 without one)
 * @param recoveredAfterS seconds from the load's end to the first sample from which {@value #RECOVERED_SAMPLES}
 *                        samples in a row were ≤ {@code goalMs}; -1 when that did not happen
 * @param lastMs          the last sample taken, ms (-1 without one)
 */
record LagSummary(long loadSeconds, int loadSamples, Distribution load, long goalMs, int withinGoal,
                  long longestAboveS, Verdict verdict, int drainSamples, long drainMaxMs,
                  double recoveredAfterS, long lastMs) {

    static final int MIN_COVERAGE_PERCENT = 90;
    /** Consecutive samples (seconds) under the bound that make "recovered": a dip of one sample is not it. */
    static final int RECOVERED_SAMPLES = 5;

    enum Verdict { MET, NOT_MET, NOT_SHOWN }

    /** One sample: wall-clock ms when taken, the lag in ms. */
    record Sample(long atMs, long lagMs) {
    }

    /**
     * @param samples  in time order; absent figures are left out by the caller
     * @param loadFrom wall-clock ms the load started
     * @param loadTo   wall-clock ms the load ended
     */
    static LagSummary of(List<Sample> samples, long loadFrom, long loadTo, long goalMs) {
        List<Sample> load = new ArrayList<>();
        List<Sample> drain = new ArrayList<>();
        for (Sample s : samples) {
            if (s.atMs() >= loadFrom && s.atMs() <= loadTo) {
                load.add(s);
            } else if (s.atMs() > loadTo) {
                drain.add(s);
            }
        }
        long loadSeconds = Math.max(0, (loadTo - loadFrom) / 1000);
        double[] values = load.stream().mapToDouble(Sample::lagMs).toArray();
        int within = (int) load.stream().filter(s -> s.lagMs() <= goalMs).count();
        long longestAbove = longestAbove(load, goalMs);
        Verdict verdict = load.size() * 100L < MIN_COVERAGE_PERCENT * loadSeconds || load.isEmpty()
                ? Verdict.NOT_SHOWN : within == load.size() ? Verdict.MET : Verdict.NOT_MET;
        long drainMax = drain.stream().mapToLong(Sample::lagMs).max().orElse(0);
        long last = samples.isEmpty() ? -1 : samples.get(samples.size() - 1).lagMs();
        return new LagSummary(loadSeconds, load.size(), Distribution.of(values), goalMs, within, longestAbove, verdict,
                drain.size(), drainMax, recoveredAfter(samples, loadTo, goalMs), last);
    }

    /** The share of the load's samples within the goal, 0..1. */
    double shareWithinGoal() {
        return loadSamples == 0 ? 0 : (double) withinGoal / loadSamples;
    }

    /** Seconds covered by the longest run of consecutive samples above the goal (a lone sample: 1 s). */
    private static long longestAbove(List<Sample> load, long goalMs) {
        long longest = 0;
        long runStart = -1;
        long previous = -1;
        for (Sample s : load) {
            if (s.lagMs() > goalMs) {
                if (runStart < 0) {
                    runStart = s.atMs();
                }
                previous = s.atMs();
                longest = Math.max(longest, Math.round((previous - runStart) / 1000.0) + 1);
            } else {
                runStart = -1;
            }
        }
        return longest;
    }

    /**
     * From the last sample of the load on (the lag may already be low when the load ends), the first sample that
     * begins {@value #RECOVERED_SAMPLES} in a row ≤ the bound; seconds after the load's end (0 when already so).
     */
    private static double recoveredAfter(List<Sample> samples, long loadTo, long belowMs) {
        int from = 0;
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i).atMs() <= loadTo) {
                from = i;
            }
        }
        int run = 0;
        for (int i = from; i < samples.size(); i++) {
            run = samples.get(i).lagMs() <= belowMs ? run + 1 : 0;
            if (run == RECOVERED_SAMPLES) {
                long at = samples.get(i - RECOVERED_SAMPLES + 1).atMs();
                return Math.max(0, (at - loadTo) / 1000.0);
            }
        }
        return -1;
    }
}
