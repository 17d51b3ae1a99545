package io.anju.conformance;

import io.anju.conformance.check.Verdict;
import io.anju.conformance.cli.KitOptions;
import io.anju.conformance.report.DeviceReport;
import io.anju.conformance.run.ConformanceRun;
import io.anju.conformance.run.KitSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ./anju conformance}: certifies a vendor's device against docs/device-protocol.md. Exit code 0 when every check
 * passed (warnings allowed), 1 when one failed, 2 on bad usage.
 */
@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = {"Certify a device against the Anju device protocol (docs/device-protocol.md).",
                "Starts a sandbox gateway and prints the credentials for the device under test.",
                "Watches its traffic, drops its connection once, refuses its reconnects for a while",
                "and sends it commands; then writes report.md and report.json per device.",
                "Exit code: 0 all checks pass (warnings allowed), 1 a check failed, 2 bad usage."})
public final class ConformanceMain implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    @Mixin
    private KitOptions options;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ConformanceMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        KitSettings settings;
        try {
            settings = options.settings();
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("conformance: " + e.getMessage());
            return 2;
        }
        List<DeviceReport> reports = new ConformanceRun(settings, out).run();
        return reports.stream().anyMatch(r -> r.verdict() == Verdict.FAIL) ? 1 : 0;
    }
}
