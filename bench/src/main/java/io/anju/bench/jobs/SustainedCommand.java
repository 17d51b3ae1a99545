package io.anju.bench.jobs;

import io.anju.bench.jobs.report.Report;
import io.anju.bench.jobs.report.SustainedReport;
import io.anju.bench.jobs.run.SustainedResult;
import io.anju.bench.jobs.run.SustainedRun;
import io.anju.common.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "sustained", mixinStandardHelpOptions = true,
        description = "A paced load at a steady rate against the running job: lag and its slope, publish → alert "
                + "latency of port overloads, each task's busy/backpressured/idle time, CPU, heap and GC.")
final class SustainedCommand implements Callable<Integer> {
    @Option(names = "--rate", defaultValue = "20000", description = "Envelopes per second (default: ${DEFAULT-VALUE}).")
    double rate;
    @Option(names = "--seconds", defaultValue = "300", description = "Measured seconds (default: ${DEFAULT-VALUE}).")
    double seconds;
    @Option(names = "--warmup", defaultValue = "20",
            description = "Seconds of load before the measured ones, the rate rising from 0 over the first half "
                    + "(default: ${DEFAULT-VALUE}).")
    double warmup;
    @Option(names = "--overload-every", defaultValue = "200",
            description = "One charger reading in N overloads a port: the latency probes (default: ${DEFAULT-VALUE}).")
    int overloadEvery;
    @Option(names = "--figures", description = "Also write the run's figures as JSON to this file (the rate search "
            + "reads its probes' figures so).")
    Path figures;
    @Mixin
    JobOptions job;
    @Mixin
    ReportOptions report;

    @Override
    public Integer call() throws Exception {
        if (!(rate > 0 && seconds >= 2 && warmup >= 0 && overloadEvery >= 1)) {
            JobsBench.OUT.println("bench jobs sustained: need --rate > 0, --seconds ≥ 2, --warmup ≥ 0, "
                    + "--overload-every ≥ 1");
            return 2;
        }
        SustainedResult result = new SustainedRun(job.config(), JobsBench.OUT::println)
                .run(rate, warmup, seconds, overloadEvery);
        Report r = new Report(JobsBench.OUT::println);
        SustainedReport.write(r, result);
        report.write(r, JobsBench.OUT);
        if (figures != null) {
            Files.write(figures, Json.toBytes(result.figures()));
        }
        return 0;
    }
}
