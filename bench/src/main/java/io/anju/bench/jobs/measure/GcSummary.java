package io.anju.bench.jobs.measure;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The garbage collector's pauses in a stretch of JVM uptime, from a unified GC log written with
 * {@code -Xlog:gc*:file=…:uptime,level,tags}: a pause is a {@code [gc]} line such as
 * {@code [12.345s][info][gc          ] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 300M->100M(3072M) 5.432ms}, its
 * CPU the {@code [gc,cpu]} line of the same collection ({@code User=0.01s Sys=0.00s Real=0.01s}).
 *
 * @param byKind     pauses by kind: Young, Remark, Cleanup, Full
 * @param cpuSeconds User + Sys of the pauses (the collector's threads across all cores)
 */
public record GcSummary(int pauses, double totalMs, double maxMs, Map<String, Integer> byKind, double cpuSeconds) {
    private static final String PREFIX = "^\\[(\\d+(?:\\.\\d+)?)s]\\[\\w+ *]";
    private static final String NUMBER = "(\\d+(?:\\.\\d+)?)";
    private static final Pattern PAUSE =
            Pattern.compile(PREFIX + "\\[gc *] GC\\(\\d+\\) Pause (\\w+).* " + NUMBER + "ms$");
    private static final Pattern CPU =
            Pattern.compile(PREFIX + "\\[gc,cpu *] GC\\(\\d+\\) User=" + NUMBER + "s Sys=" + NUMBER + "s.*");

    /** The pauses logged at uptime {@code fromSeconds} ≤ t ≤ {@code toSeconds}. */
    public static GcSummary of(Stream<String> lines, double fromSeconds, double toSeconds) {
        int pauses = 0;
        double total = 0;
        double max = 0;
        double cpu = 0;
        Map<String, Integer> byKind = new TreeMap<>();
        for (String line : (Iterable<String>) lines::iterator) {
            Matcher p = PAUSE.matcher(line);
            Matcher c = CPU.matcher(line);
            if (p.matches() && within(p.group(1), fromSeconds, toSeconds)) {
                double ms = Double.parseDouble(p.group(3));
                pauses++;
                total += ms;
                max = Math.max(max, ms);
                byKind.merge(p.group(2), 1, Integer::sum);
            } else if (c.matches() && within(c.group(1), fromSeconds, toSeconds)) {
                cpu += Double.parseDouble(c.group(2)) + Double.parseDouble(c.group(3));
            }
        }
        return new GcSummary(pauses, total, max, Collections.unmodifiableMap(byKind), cpu);
    }

    private static boolean within(String uptime, double from, double to) {
        double t = Double.parseDouble(uptime);
        return t >= from && t <= to;
    }
}
