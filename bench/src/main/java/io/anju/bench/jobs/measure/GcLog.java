package io.anju.bench.jobs.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The GC log this JVM writes, found in its own {@code -Xlog:gc…:file=PATH…} option (scripts/bench-jobs.sh starts
 * every phase with one), so the report can summarise the pauses of the measured window ({@link GcSummary}).
 */
public final class GcLog {
    private static final Pattern FILE = Pattern.compile("^(-Xlog:gc[^:]*:file=)([^:]+)(.*)$");

    private final Path file;

    private GcLog(Path file) {
        this.file = file;
    }

    /** This JVM's GC log, when it was started with one. */
    public static Optional<GcLog> ofThisJvm() {
        return fileIn(ManagementFactory.getRuntimeMXBean().getInputArguments()).map(GcLog::new);
    }

    static Optional<Path> fileIn(List<String> jvmArguments) {
        for (String a : jvmArguments) {
            Matcher m = FILE.matcher(a);
            if (m.matches()) {
                return Optional.of(Path.of(m.group(2).replace("\"", "")));
            }
        }
        return Optional.empty();
    }

    /**
     * {@code argument} with its GC log file renamed by {@code suffix} before the extension ({@code gc.log} →
     * {@code gc-30000.log}), for a child JVM that must not write into this JVM's log; other arguments unchanged.
     */
    public static String withFileSuffix(String argument, String suffix) {
        Matcher m = FILE.matcher(argument);
        if (!m.matches()) {
            return argument;
        }
        String path = m.group(2);
        int dot = path.lastIndexOf('.');
        int slash = path.lastIndexOf('/');
        String renamed = dot > slash ? path.substring(0, dot) + suffix + path.substring(dot) : path + suffix;
        return m.group(1) + renamed + m.group(3);
    }

    public Path file() {
        return file;
    }

    /** The pauses logged between these JVM uptimes (ms, as {@code RuntimeMXBean.getUptime()}). */
    public GcSummary between(long fromUptimeMs, long toUptimeMs) {
        try (Stream<String> lines = Files.lines(file)) {
            return GcSummary.of(lines, fromUptimeMs / 1000.0, toUptimeMs / 1000.0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the GC log " + file, e);
        }
    }

    public static long uptimeMs() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }
}
