package io.anju.bench.jobs.report;

import io.anju.bench.jobs.run.ProbeFigures;
import io.anju.bench.jobs.run.RunSetup;
import io.anju.bench.jobs.traffic.Traffic;

import java.util.List;
import java.util.OptionalDouble;

/** The report section of a rate search: one row per probe, then the highest rate that held. */
public final class SearchReport {
    private SearchReport() {
    }

    /** @param probes in the order they ran (at least one) */
    public static void write(Report r, double from, double to, double resolution, double seconds, double warmup,
                             List<ProbeFigures> probes, OptionalDouble highest) {
        RunSetup setup = probes.get(0).setup();
        double chargerShare = setup.chargerShare();
        Lines.header(r, "Alerting job: the highest rate it holds", setup);
        r.line("Binary search from %,.0f to %,.0f envelopes/s, to within %,.0f/s. Each probe is a run of the "
                        + "sustained phase (paced producer, %.0f s warm-up ramping up over its first half, %.0f s measured) in a fresh JVM with the "
                        + "same JVM options (its GC log named after the rate), its own broker and MiniCluster, so no "
                        + "probe inherits the heap, JIT state, threads or broker log of the one before. A probe passes "
                        + "when the producer kept the rate (≥ 99 %%) and the lag was bounded (|slope| < 1 %% of the "
                        + "rate per second, end lag < 1 s of input).", from, to, resolution, warmup, seconds);
        r.line("");
        r.line("| rate/s | produced/s | charger envelopes/s | port readings/s | lag start → end | slope/s | "
                + "publish→alert p50 / p99 / max ms | cpu cores | GC pauses ms | verdict |");
        r.line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (ProbeFigures p : probes) {
            r.line("| %,.0f | %,.0f | %,.0f | %,.0f | %,d → %,d | %+,.0f | %s | %.2f | %s | %s |", p.rate(),
                    p.producedPerSecond(), p.chargersPerSecond(), p.portReadingsPerSecond(), p.startLag(),
                    p.endLag(), p.slopePerSecond(), p.p99Ms() < 0 ? "–" : p.p50Ms() + " / " + p.p99Ms() + " / "
                            + p.maxMs(), p.cpuCores(), p.gcPauseMs() < 0 ? "–" : String.format("%,.0f", p.gcPauseMs()),
                    p.passed() ? "held" : p.rateKept() ? "lag not bounded" : "rate not kept");
        }
        r.line("");
        if (highest.isPresent()) {
            r.line("**Highest rate held: %,.0f envelopes/s** (≈ %,.0f charger envelopes/s = %,.0f port readings/s in "
                            + "this traffic's mix).", highest.getAsDouble(), highest.getAsDouble() * chargerShare,
                    highest.getAsDouble() * chargerShare * Traffic.PORTS);
        } else {
            r.line("**No rate held**: the job did not hold even %,.0f envelopes/s.", from);
        }
    }
}
