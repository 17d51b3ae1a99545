package io.anju.bench.e2e;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The load generator in its own JVM ({@code ./anju sim load ...}): started, its output kept in a log file and read
 * for the per-second progress and the final report.
 */
final class LoadProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoadProcess.class);

    /** Progress seen so far, with the {@link System#nanoTime()} at which each line arrived. */
    record Timed(long atNanos, LoadOutput.Progress progress) {
    }

    private final Process process;
    private final List<Timed> progress = Collections.synchronizedList(new ArrayList<>());
    private final Thread reader;
    private volatile LoadOutput.Totals totals;
    private volatile LoadOutput.PubAck pubAck;
    private volatile LoadOutput.Connections connections;
    private volatile long connectedAtNanos;

    private LoadProcess(Process process, Path log) {
        this.process = process;
        this.reader = new Thread(() -> read(log), "bench-load-output");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Starts the command; {@code exec} in the launcher keeps the JVM's pid the one started here. */
    static LoadProcess start(List<String> command, String javaOpts, Path log) throws IOException {
        LOG.info("starting the load: JAVA_OPTS='{}' {}", javaOpts, String.join(" ", command));
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
        b.environment().put("JAVA_OPTS", javaOpts);
        Process p = b.start();
        return new LoadProcess(p, log);
    }

    private void read(Path log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                long now = System.nanoTime();
                Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                if (line.startsWith("connected ")) {
                    connectedAtNanos = now;
                }
                LoadOutput.progress(line).ifPresent(p -> progress.add(new Timed(now, p)));
                LoadOutput.totals(line).ifPresent(t -> totals = t);
                LoadOutput.pubAck(line).ifPresent(a -> pubAck = a);
                LoadOutput.connections(line).ifPresent(c -> connections = c);
            }
        } catch (IOException e) {
            LOG.warn("reading the load's output failed: {}", e.toString());
        }
    }

    long pid() {
        return process.pid();
    }

    /** When the load reported all its connections up and started publishing; 0 before. */
    long publishingSinceNanos() {
        return connectedAtNanos;
    }

    /** Waits for the load to end; its exit code. */
    int await(long timeout, TimeUnit unit) throws InterruptedException {
        if (!process.waitFor(timeout, unit)) {
            throw new IllegalStateException("the load did not end within " + unit.toSeconds(timeout) + " s");
        }
        reader.join(10_000);
        return process.exitValue();
    }

    List<Timed> progress() {
        synchronized (progress) {
            return List.copyOf(progress);
        }
    }

    /** The load has printed its final report. */
    boolean totalsKnown() {
        return totals != null;
    }

    LoadOutput.Totals totals() {
        return totals;
    }

    LoadOutput.PubAck pubAck() {
        return pubAck;
    }

    LoadOutput.Connections connections() {
        return connections;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
        }
    }
}
