package io.anju.bench.jobs;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintStream;

/**
 * {@code ./anju bench jobs <phase>}: the alerting job on this machine, with an embedded broker, the job in a Flink
 * MiniCluster and the load producer in one JVM. One phase per run; scripts/bench-jobs.sh runs them all, each in a
 * fresh JVM with a GC log, into one report. This is the command line's front end: progress and the report go to
 * standard output, everything else is logged.
 */
@Command(name = "bench jobs", mixinStandardHelpOptions = true,
        subcommands = {SustainedCommand.class, SearchCommand.class, BacklogCommand.class},
        description = "Benchmark the alerting job: 'sustained' (a paced load for minutes: lag, publish → alert, "
                + "task times), 'search' (the highest rate it holds), 'backlog' (catching up a backlog).")
public final class JobsBench implements Runnable {
    /** Where progress lines and the report are printed. */
    static final PrintStream OUT = System.out;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        int exit;
        try {
            exit = new CommandLine(new JobsBench()).execute(args);
        } catch (Error e) {
            // picocli reports exceptions, not errors (a missing class, no memory left); without an exit here the
            // broker's and Flink's threads would keep the failed run's JVM alive.
            e.printStackTrace();
            exit = 1;
        }
        System.exit(exit);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a phase: sustained, search or backlog");
    }
}
