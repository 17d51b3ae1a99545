package io.anju.bench.e2e;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the few {@code /proc} lines the bench samples: a process's CPU ticks and resident memory, the machine's CPU. */
final class ProcReadings {
    private static final Pattern VM_RSS = Pattern.compile("(?m)^VmRSS:\\s+(\\d+)\\s+kB");

    /** Busy and total ticks of the whole machine, from the first ({@code cpu}) line of {@code /proc/stat}. */
    record MachineTicks(long busy, long total) {
    }

    private ProcReadings() {
    }

    /**
     * User + system CPU ticks of a process from its {@code /proc/PID/stat} line. The command name (field 2) is in
     * parentheses and may hold spaces or parentheses itself, so fields are counted from the last ')'.
     */
    static long processTicks(String statLine) {
        String[] f = statLine.substring(statLine.lastIndexOf(')') + 2).trim().split("\\s+");
        // After the name: state is field 3, so utime (14) and stime (15) are at 11 and 12 here.
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** Resident set size in KiB from {@code /proc/PID/status}; 0 when the line is missing (a zombie). */
    static long residentKiB(String status) {
        Matcher m = VM_RSS.matcher(status);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    static MachineTicks machineTicks(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        if (!f[0].equals("cpu")) {
            throw new IllegalArgumentException("not the /proc/stat cpu line: " + cpuLine);
        }
        long total = 0;
        // user nice system idle iowait irq softirq steal (guest is already inside user)
        for (int i = 1; i <= Math.min(8, f.length - 1); i++) {
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
        return new MachineTicks(total - idle, total);
    }
}
