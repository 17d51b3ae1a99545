package io.anju.bench.jobs.run;

import io.anju.bench.jobs.measure.GcSummary;
import io.anju.bench.jobs.measure.LagTrend;
import io.anju.bench.jobs.measure.ProbeBook;
import io.anju.bench.jobs.measure.ProcessMeter;
import io.anju.bench.jobs.measure.TaskUsage;
import io.anju.bench.jobs.traffic.PacedProducer;
import io.anju.bench.jobs.traffic.Traffic;

import java.util.List;
import java.util.Map;

/**
 * What one sustained run measured over its window (the warm-up left out).
 *
 * @param seconds           the measured window, wall clock
 * @param sent              what the producer sent in the window
 * @param maxBehindMs       the most the producer fell behind its schedule in the window
 * @param lag               the job's lag over the window
 * @param consumedPerSecond what the job's source emitted per second over the window
 * @param receiveLagEndMs   the decoder's receive lag at the end of the window
 * @param receiveLagMaxMs   its largest sample in the window
 * @param probes            the overload readings sent in the window and their alerts
 * @param unmatchedRaises   port overload raises that answered no probe (repeats, or raised for nothing)
 * @param alerts            every alert seen, by type and status
 * @param gc                the GC log's pauses in the window; null when the JVM writes no GC log
 */
public record SustainedResult(RunSetup setup, double targetRate, double warmupSeconds, double seconds,
                              PacedProducer.Counts sent, long maxBehindMs, LagTrend lag, double consumedPerSecond,
                              long receiveLagEndMs, long receiveLagMaxMs, ProbeBook.Answers probes,
                              long unmatchedRaises, Map<String, Long> alerts, List<TaskUsage> tasks,
                              ProcessMeter.Usage usage, GcSummary gc, long undecodable, long clockCorrected) {

    public double producedPerSecond() {
        return sent.sent() / seconds;
    }

    public double chargersPerSecond() {
        return sent.chargers() / seconds;
    }

    public double portReadingsPerSecond() {
        return chargersPerSecond() * Traffic.PORTS;
    }

    /** The producer wrote at least 99 % of the target rate: the run tested the rate it was asked to. */
    public boolean rateKept() {
        return producedPerSecond() >= 0.99 * targetRate;
    }

    /** The rate was kept and the job's lag stayed bounded at it. */
    public boolean passed() {
        return rateKept() && lag.bounded(targetRate);
    }

    public ProbeFigures figures() {
        return new ProbeFigures(setup, targetRate, producedPerSecond(), chargersPerSecond(), portReadingsPerSecond(),
                lag.startLag(), lag.endLag(), lag.slopePerSecond(), rateKept(), lag.bounded(targetRate),
                probes.raised() == 0 ? -1 : probes.latencyMs().getValueAtPercentile(50),
                probes.raised() == 0 ? -1 : probes.latencyMs().getValueAtPercentile(99),
                probes.raised() == 0 ? -1 : probes.latencyMs().getMaxValue(), probes.sent(), probes.raised(),
                usage.cores(), gc == null ? -1 : gc.totalMs());
    }
}
