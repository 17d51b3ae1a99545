package io.anju.bench.jobs;

import io.anju.bench.jobs.report.Report;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/** Where the markdown report goes; it is printed in any case. */
final class ReportOptions {
    @Option(names = "--out", description = "Also write the markdown report to this file.")
    Path out;
    @Option(names = "--append", description = "Append to --out instead of replacing it.")
    boolean append;

    void write(Report report, PrintStream console) throws IOException {
        if (out != null) {
            report.write(out, append);
            console.println("bench jobs: report " + (append ? "appended to " : "written to ") + out.toAbsolutePath());
        }
    }
}
