package io.anju.bench.jobs.report;

import io.anju.bench.jobs.run.BacklogResult;
import io.anju.bench.jobs.traffic.Traffic;

/** The report section of a backlog run. */
public final class BacklogReport {
    private BacklogReport() {
    }

    public static void write(Report r, BacklogResult b) {
        Lines.header(r, "Alerting job catching up a backlog", b.setup());
        r.line("Backlog: %,d envelopes in schedule order with device time in the past (charger telemetry with %d "
                        + "ports every 30 s, crowd every 10 s, gate passes every 20 s, status every 120 s; 1 charger "
                        + "reading in %,d overloads a port), written in %.1f s before the job starts from the "
                        + "beginning. Rate = how fast Σ (the source's currentOffset + 1) over the %d input partitions "
                        + "advances, sampled every second, between 10 %% and 90 %% of the backlog (start-up and drain "
                        + "left out); task times, CPU and GC between the samples at those two marks.", b.events(),
                Traffic.PORTS, b.setup().overloadEvery(), b.prefillSeconds(), b.setup().inputPartitions());
        r.line("");
        r.line("```");
        if (Double.isNaN(b.ratePerSecond())) {
            r.line("throughput   not measured: the job did not pass both marks");
        } else {
            r.line("throughput   %,.0f envelopes/s (10 %% → 90 %% of the backlog, %.1f s): charger telemetry %,.0f "
                            + "envelopes/s = %,.0f port readings/s", b.ratePerSecond(), b.windowSeconds(),
                    b.chargersPerSecond(), b.portReadingsPerSecond());
        }
        r.line("drain        %s", Double.isNaN(b.drainSeconds()) ? "the backlog was not drained within 30 minutes"
                : String.format("all %,d envelopes emitted by the source %.1f s after the job was submitted (start-up "
                + "included)", b.events(), b.drainSeconds()));
        r.line("alerts       port_overload raised for %,d of the %,d overload readings (%,d raises matched no "
                        + "reading); all alerts: %s", b.probes().raised(), b.probes().sent(), b.unmatchedRaises(),
                Lines.alerts(b.alerts()));
        Lines.tasks(r, b.tasks());
        Lines.usage(r, b.usage());
        if (b.usage() != null) {
            Lines.gc(r, b.gc(), b.usage().wallSeconds());
        }
        Lines.decoder(r, b.undecodable(), b.clockCorrected());
        r.line("```");
    }
}
