package io.anju.bench.jobs;

import io.anju.bench.jobs.report.Report;
import io.anju.bench.jobs.report.SearchReport;
import io.anju.bench.jobs.run.ProbeFigures;
import io.anju.bench.jobs.run.ProbeJvm;
import io.anju.bench.jobs.run.RateSearch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Binary search for the highest rate the job holds with its lag bounded; every probe is a "
                + "sustained run in a fresh JVM.")
final class SearchCommand implements Callable<Integer> {
    @Option(names = "--from", defaultValue = "10000",
            description = "Lowest rate, probed first (default: ${DEFAULT-VALUE}).")
    double from;
    @Option(names = "--to", defaultValue = "80000", description = "Highest rate (default: ${DEFAULT-VALUE}).")
    double to;
    @Option(names = "--resolution", defaultValue = "2000",
            description = "Stop when the highest rate held and the lowest not held are this close (default: "
                    + "${DEFAULT-VALUE}).")
    double resolution;
    @Option(names = "--step-seconds", defaultValue = "60",
            description = "Measured seconds of each probe (default: ${DEFAULT-VALUE}).")
    double stepSeconds;
    @Option(names = "--warmup", defaultValue = "20",
            description = "Warm-up seconds of each probe, the rate rising from 0 over the first half "
                    + "(default: ${DEFAULT-VALUE}).")
    double warmup;
    @Option(names = "--overload-every", defaultValue = "200",
            description = "One charger reading in N overloads a port (default: ${DEFAULT-VALUE}).")
    int overloadEvery;
    @Option(names = "--result", description = "Write the highest rate held to this file, as a bare number (0 when "
            + "none held), for scripts.")
    Path result;
    @Mixin
    JobOptions job;
    @Mixin
    ReportOptions report;

    @Override
    public Integer call() throws Exception {
        RateSearch search = new RateSearch(from, to, resolution);
        ProbeJvm jvm = new ProbeJvm(JobsBench.class.getName(), job.workDir.resolve("probes"));
        List<ProbeFigures> probes = new ArrayList<>();
        for (OptionalDouble next = search.next(); next.isPresent(); next = search.next()) {
            double rate = next.getAsDouble();
            JobsBench.OUT.printf("search: probe %d at %,.0f envelopes/s (a fresh JVM)%n", probes.size() + 1, rate);
            ProbeFigures p = jvm.run(rate, probeArguments(rate));
            probes.add(p);
            search.record(rate, p.passed());
            JobsBench.OUT.printf("search: %,.0f/s %s (produced %,.0f/s, lag %,d → %,d, slope %+,.0f/s)%n", rate,
                    p.passed() ? "held" : "NOT held", p.producedPerSecond(), p.startLag(), p.endLag(),
                    p.slopePerSecond());
        }
        OptionalDouble highest = search.highestPassed();
        Report r = new Report(JobsBench.OUT::println);
        SearchReport.write(r, from, to, resolution, stepSeconds, warmup, probes, highest);
        report.write(r, JobsBench.OUT);
        if (result != null) {
            Files.writeString(result, String.valueOf((long) highest.orElse(0)));
        }
        return 0;
    }

    private List<String> probeArguments(double rate) {
        List<String> a = new ArrayList<>(List.of("--rate", String.valueOf(rate), "--seconds",
                String.valueOf(stepSeconds), "--warmup", String.valueOf(warmup), "--overload-every",
                String.valueOf(overloadEvery)));
        a.addAll(job.arguments());
        return a;
    }
}
