package io.anju.bench.jobs;

import io.anju.bench.jobs.report.BacklogReport;
import io.anju.bench.jobs.report.Report;
import io.anju.bench.jobs.run.BacklogResult;
import io.anju.bench.jobs.run.BacklogRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "backlog", mixinStandardHelpOptions = true,
        description = "A backlog written first, then read by the job from the beginning: its rate between 10 %% and "
                + "90 %% of the backlog (from the source's currentOffset, every second) and the time to drain it.")
final class BacklogCommand implements Callable<Integer> {
    @Option(names = "--events", defaultValue = "3000000",
            description = "Envelopes in the backlog (default: ${DEFAULT-VALUE}).")
    long events;
    @Option(names = "--overload-every", defaultValue = "1000",
            description = "One charger reading in N overloads a port (default: ${DEFAULT-VALUE}).")
    int overloadEvery;
    @Mixin
    JobOptions job;
    @Mixin
    ReportOptions report;

    @Override
    public Integer call() throws Exception {
        // Fewer would pass 10 % and 90 % within a second or two: too few samples for a rate.
        if (events < 100_000 || overloadEvery < 1) {
            JobsBench.OUT.println("bench jobs backlog: need --events ≥ 100000 and --overload-every ≥ 1");
            return 2;
        }
        BacklogResult result = new BacklogRun(job.config(), JobsBench.OUT::println).run(events, overloadEvery);
        Report r = new Report(JobsBench.OUT::println);
        BacklogReport.write(r, result);
        report.write(r, JobsBench.OUT);
        return 0;
    }
}
