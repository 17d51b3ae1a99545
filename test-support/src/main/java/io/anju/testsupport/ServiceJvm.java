package io.anju.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A service's main class in a JVM of its own, on this test's class path, so that a test can end it as a crash would:
 * {@link #kill()} is a SIGKILL, with no shutdown hook, no flush and no clean close. Its output goes to a log file the
 * test reads. A shutdown hook of the test's JVM kills it too, should the test's JVM end first, so a failed test leaves
 * no orphan holding ports or a data directory.
 */
public final class ServiceJvm implements AutoCloseable {
    private static final Duration KILL_PATIENCE = Duration.ofSeconds(30);

    private final Process process;
    private final Path log;
    private final Thread reaper;

    private ServiceJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.reaper = new Thread(process::destroyForcibly, "kill-service-jvm-" + process.pid());
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /**
     * Starts {@code mainClass} with {@code args}.
     *
     * @param jvmOptions options of the child JVM, such as {@code -Xmx512m}
     * @param log        the file its standard output and error go to (replaced)
     */
    public static ServiceJvm start(Class<?> mainClass, List<String> jvmOptions, List<String> args, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ServiceJvm(p, log);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What the child wrote so far. */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    public Path logFile() {
        return log;
    }

    /**
     * Waits until the log contains {@code text}; fails at once, with the log, when the child ends first, and after
     * {@code within}.
     */
    public void awaitLog(String text, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!log().contains(text)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the child JVM ended (exit " + process.exitValue() + ") before it "
                        + "logged \"" + text + "\":\n" + log());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the child JVM did not log \"" + text + "\" within " + within
                        + " (log " + log + ")");
            }
            Thread.sleep(50);
        }
    }

    /** SIGKILL, and wait until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(KILL_PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("the child JVM " + process.pid() + " outlived SIGKILL by " + KILL_PATIENCE);
        }
    }

    /** Kills the child if it still runs. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook runs anyway.
        }
    }
}
