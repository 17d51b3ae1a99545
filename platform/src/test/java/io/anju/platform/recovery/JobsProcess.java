package io.anju.platform.recovery;

import io.anju.jobs.JobsMain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * {@code ./anju jobs} in a JVM of its own, on this test's class path, so that a test can end it as a crash would:
 * {@link #kill()} is a SIGKILL, with no savepoint and no flush. Its output goes to a log file the test reads. A JVM
 * shutdown hook kills it too, should the test's JVM end first.
 */
final class JobsProcess implements AutoCloseable {
    /** JobsRunner's line for a job that continues from a checkpoint or savepoint. */
    private static final Pattern CONTINUING =
            Pattern.compile("job anju-alerts submitted \\(.*\\), continuing from (\\S+)");

    private final Process process;
    private final Path log;
    private final Thread reaper;

    private JobsProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.reaper = new Thread(process::destroyForcibly, "kill-jobs-child");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    static JobsProcess start(Path log, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m",
                "-cp", System.getProperty("java.class.path"),
                JobsMain.class.getName()));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new JobsProcess(p, log);
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Waits until the log says the alerting job was submitted; fails at once when the process ends first. */
    void awaitSubmitted(Duration within) {
        await("the jobs child submits anju-alerts (log " + log + ")").atMost(within)
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the jobs child ended (exit " + process.exitValue() + "):\n"
                                + log());
                    }
                    return log().contains("job anju-alerts submitted");
                });
    }

    /** The checkpoint or savepoint the alerting job continued from, as its log says. */
    Optional<Path> continuedFrom() {
        Matcher m = CONTINUING.matcher(log());
        return m.find() ? Optional.of(Path.of(m.group(1))) : Optional.empty();
    }

    /** SIGKILL, and wait until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the jobs child " + process.pid() + " outlived SIGKILL by 30 s");
        }
    }

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
