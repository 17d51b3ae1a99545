package io.anju.bench.jobs.run;

import io.anju.bench.jobs.measure.GcLog;
import io.anju.common.json.Json;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one probe of the rate search as a sustained run in a fresh JVM: the same java, JVM options and class path as
 * this one, its own broker and MiniCluster, so no probe inherits the heap, JIT state, threads or broker log of the
 * one before, and every probe stands where the final sustained run will stand. Its output goes to this console; its
 * GC log is this JVM's with the rate in the name; its figures come back as JSON.
 */
public final class ProbeJvm {
    private final String mainClass;
    private final Path figuresDir;

    /** @param mainClass the command line's main class; probes run it with {@code sustained … --figures FILE} */
    public ProbeJvm(String mainClass, Path figuresDir) {
        this.mainClass = mainClass;
        this.figuresDir = figuresDir;
    }

    /** @param sustainedArguments the arguments of the probe's {@code sustained} command, without {@code --figures} */
    public ProbeFigures run(double rate, List<String> sustainedArguments) throws IOException, InterruptedException {
        Files.createDirectories(figuresDir);
        Path figures = figuresDir.resolve("probe-" + (long) rate + ".json");
        Files.deleteIfExists(figures);
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            command.add(GcLog.withFileSuffix(a, "-" + (long) rate));
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.add("sustained");
        command.addAll(sustainedArguments);
        command.add("--figures");
        command.add(figures.toString());
        Process p = new ProcessBuilder(command).inheritIO().start();
        Thread killChild = new Thread(p::destroy, "bench-probe-reaper");
        Runtime.getRuntime().addShutdownHook(killChild);
        try {
            int exit = p.waitFor();
            if (exit != 0 || !Files.exists(figures)) {
                throw new IOException("the probe at " + (long) rate + "/s failed (exit " + exit + ")");
            }
            return Json.fromBytes(Files.readAllBytes(figures), ProbeFigures.class);
        } finally {
            Runtime.getRuntime().removeShutdownHook(killChild);
        }
    }
}
