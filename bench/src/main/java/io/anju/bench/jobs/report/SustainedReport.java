package io.anju.bench.jobs.report;

import io.anju.bench.jobs.measure.LagTrend;
import io.anju.bench.jobs.measure.ProbeBook;
import io.anju.bench.jobs.run.SustainedResult;
import io.anju.bench.jobs.traffic.Traffic;

/** The report section of a sustained run. */
public final class SustainedReport {
    private SustainedReport() {
    }

    public static void write(Report r, SustainedResult s) {
        Lines.header(r, "Alerting job under a steady load", s.setup());
        r.line("A paced producer (one thread, 1 ms steps; acks=all, idempotent, linger 5 ms as the gateway; "
                        + "compression %s) "
                        + "writes pre-rendered envelopes at %,.0f/s with ts = receivedAt = the send time: charger "
                        + "telemetry with %d ports every 30 s of each load charger's schedule, crowd readings every "
                        + "10 s, gate passes every 20 s, status every 120 s; 1 charger reading in %,d puts one port "
                        + "at 1,300 W (an immediate red port_overload) and the device's next reading clears it. %.0f s "
                        + "warm-up (the rate rising from 0 over its first half), then %.0f s measured. Lag = Σ over the %d input partitions (end offset − the "
                        + "source's currentOffset − 1), sampled every second; publish → alert = arrival on "
                        + "anju.alerts − the overload reading's ts, matched by device, port and event time.",
                s.setup().compression(), s.targetRate(),
                Traffic.PORTS, s.setup().overloadEvery(), s.warmupSeconds(), s.seconds(),
                s.setup().inputPartitions());
        r.line("");
        r.line("```");
        r.line("load         %,d envelopes in %.1f s: %,.0f/s of %,.0f/s — rate %s (producer at most %d ms behind "
                        + "its schedule; %d send errors)", s.sent().sent(), s.seconds(), s.producedPerSecond(),
                s.targetRate(), s.rateKept() ? "kept" : "NOT kept", s.maxBehindMs(), s.sent().errors());
        r.line("             charger telemetry %,.0f envelopes/s = %,.0f port readings/s; the rest %,.0f/s (crowd, "
                        + "gate passes, status)", s.chargersPerSecond(), s.portReadingsPerSecond(),
                s.producedPerSecond() - s.chargersPerSecond());
        LagTrend lag = s.lag();
        r.line("job          consumed %,.0f envelopes/s; lag %,d → %,d records (window start → end), max %,d; "
                        + "receive lag %,d ms at the end, max %,d ms", s.consumedPerSecond(), lag.startLag(),
                lag.endLag(), lag.maxLag(), s.receiveLagEndMs(), s.receiveLagMaxMs());
        r.line("lag slope    %+,.1f records/s (least squares over %d samples) — %s: bounded needs |slope| < %,.0f/s "
                        + "(1 %% of the rate) and an end lag < %,.0f (1 s of input)", lag.slopePerSecond(),
                lag.samples(), lag.verdict(s.targetRate()), 0.01 * s.targetRate(), s.targetRate());
        ProbeBook.Answers p = s.probes();
        r.line("latency      publish → alert %s", p.raised() == 0
                ? String.format("no port_overload raise arrived for the %,d overload readings sent", p.sent())
                : String.format("%s (%,d raised of %,d overload readings; %,d raises matched no reading)",
                Lines.percentiles(p.latencyMs()), p.raised(), p.sent(), s.unmatchedRaises()));
        r.line("alerts       %s (from the job's start)", Lines.alerts(s.alerts()));
        Lines.tasks(r, s.tasks());
        Lines.usage(r, s.usage());
        Lines.gc(r, s.gc(), s.seconds());
        Lines.decoder(r, s.undecodable(), s.clockCorrected());
        r.line("verdict      %s", s.passed() ? "the job held " + String.format("%,.0f", s.targetRate())
                + " envelopes/s with its lag bounded" : "the job did NOT hold " + String.format("%,.0f",
                s.targetRate()) + " envelopes/s (" + (s.rateKept() ? "" : "the producer did not keep the rate; ")
                + "lag " + lag.verdict(s.targetRate()) + ")");
        r.line("```");
    }
}
