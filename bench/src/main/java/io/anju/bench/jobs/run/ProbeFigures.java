package io.anju.bench.jobs.run;

/**
 * The figures of one sustained run that the rate search prints and decides on; a child JVM writes them as JSON.
 * Latencies are −1 when no alert arrived, {@code gcPauseMs} −1 without a GC log.
 */
public record ProbeFigures(RunSetup setup, double rate, double producedPerSecond, double chargersPerSecond,
                           double portReadingsPerSecond, long startLag, long endLag, double slopePerSecond,
                           boolean rateKept, boolean bounded, long p50Ms, long p99Ms, long maxMs, long probesSent,
                           long probesRaised, double cpuCores, double gcPauseMs) {
    /** The rate was kept and the lag bounded. */
    public boolean passed() {
        return rateKept && bounded;
    }
}
