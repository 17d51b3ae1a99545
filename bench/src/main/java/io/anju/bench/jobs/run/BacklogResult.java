package io.anju.bench.jobs.run;

import io.anju.bench.jobs.measure.GcSummary;
import io.anju.bench.jobs.measure.ProbeBook;
import io.anju.bench.jobs.measure.ProcessMeter;
import io.anju.bench.jobs.measure.TaskUsage;
import io.anju.bench.jobs.traffic.Traffic;

import java.util.List;
import java.util.Map;

/**
 * What one backlog run measured.
 *
 * @param events          envelopes in the backlog; {@code chargers} of them charger telemetry
 * @param prefillSeconds  how long writing the backlog took, before the job started
 * @param ratePerSecond   envelopes per second the job's source emitted between 10 % and 90 % of the backlog
 * @param windowSeconds   the time between those two marks
 * @param drainSeconds    from submitting the job to its source having emitted the whole backlog (start-up
 *                        included); NaN when it did not within 30 minutes
 * @param tasks           task times between the samples at the two marks; null when the marks were not both passed
 * @param usage           CPU and heap between those samples; null likewise
 * @param gc              the GC log's pauses between those samples; null likewise, or without a GC log
 * @param probes          the backlog's overload readings and their alerts (latency means nothing here)
 */
public record BacklogResult(RunSetup setup, long events, long chargers, double prefillSeconds, double ratePerSecond,
                            double windowSeconds, double drainSeconds, List<TaskUsage> tasks,
                            ProcessMeter.Usage usage, GcSummary gc, ProbeBook.Answers probes, long unmatchedRaises,
                            Map<String, Long> alerts, long undecodable, long clockCorrected) {

    /** Charger envelopes per second at the measured rate, in the backlog's own mix. */
    public double chargersPerSecond() {
        return ratePerSecond * chargers / events;
    }

    public double portReadingsPerSecond() {
        return chargersPerSecond() * Traffic.PORTS;
    }
}
