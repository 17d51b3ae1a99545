package io.anju.platform.recovery;

import io.anju.jobs.JobsMain;
import io.anju.testsupport.ServiceJvm;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./anju jobs} in a JVM of its own ({@link ServiceJvm}), so that a test can end it as a crash would:
 * {@link #kill()} is a SIGKILL, with no savepoint and no flush. Its output goes to a log file the test reads.
 */
final class JobsProcess implements AutoCloseable {
    /** JobsRunner's line for a job that continues from a checkpoint or savepoint. */
    private static final Pattern CONTINUING =
            Pattern.compile("job anju-alerts submitted \\(.*\\), continuing from (\\S+)");

    private final ServiceJvm jvm;

    private JobsProcess(ServiceJvm jvm) {
        this.jvm = jvm;
    }

    static JobsProcess start(Path log, List<String> args) throws IOException {
        return new JobsProcess(ServiceJvm.start(JobsMain.class, List.of("-Xmx768m"), args, log));
    }

    String log() {
        return jvm.log();
    }

    /** Waits until the log says the alerting job was submitted; fails at once when the process ends first. */
    void awaitSubmitted(Duration within) throws InterruptedException {
        jvm.awaitLog("job anju-alerts submitted", within);
    }

    /** The checkpoint or savepoint the alerting job continued from, as its log says. */
    Optional<Path> continuedFrom() {
        Matcher m = CONTINUING.matcher(log());
        return m.find() ? Optional.of(Path.of(m.group(1))) : Optional.empty();
    }

    /** SIGKILL, and wait until it is gone. */
    void kill() throws InterruptedException {
        jvm.kill();
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }
}
