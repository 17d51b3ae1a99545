package io.anju.bench.cases;

import io.anju.cases.store.EmbeddedPassword;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What a bench phase cost, to tell where the ceiling is: CPU of this JVM (the service, the broker and the bench's
 * producer), CPU of the embedded PostgreSQL (its postmaster and every backend), the rest of the machine's busy CPU
 * (other processes), and PostgreSQL's commits (from its statistics view). CPU comes from {@code /proc}, so
 * PostgreSQL's and the machine's are left out off Linux.
 */
final class CostMeter {
    /** Linux's USER_HZ: /proc counts CPU in hundredths of a second. */
    private static final double TICKS_PER_SECOND = 100;

    /** One reading; CPU in seconds, -1 where it could not be read. */
    record Reading(long nanos, double jvmCpu, double pgCpu, double machineBusy, long commits) {
    }

    private final Path pgDataDir;

    /** {@code pgDataDir}: the embedded PostgreSQL's data directory (its {@code postmaster.pid} names the server). */
    CostMeter(Path pgDataDir) {
        this.pgDataDir = pgDataDir;
    }

    Reading read() {
        return new Reading(System.nanoTime(), jvmCpu(), pgCpu(), machineBusy(), pgCommits());
    }

    /** One markdown paragraph: the cost of {@code alerts} alerts between two readings. */
    static String describe(Reading from, Reading to, int alerts) {
        double seconds = (to.nanos() - from.nanos()) / 1e9;
        double jvm = to.jvmCpu() - from.jvmCpu();
        double pg = to.pgCpu() - from.pgCpu();
        double busy = to.machineBusy() - from.machineBusy();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "Cost over the phase's %.1f s: this JVM %.1f CPU s (%.2f ms per alert)", seconds, jvm, 1e3 * jvm / alerts));
        if (from.pgCpu() >= 0 && to.pgCpu() >= 0) {
            s.append(String.format(Locale.ROOT, ", PostgreSQL %.1f CPU s (%.2f ms per alert)", pg, 1e3 * pg / alerts));
        }
        if (from.machineBusy() >= 0 && to.machineBusy() >= 0) {
            s.append(String.format(Locale.ROOT, ", other processes %.1f CPU s; the machine busy %.0f %% of %d cores",
                    busy - jvm - Math.max(0, pg), 100 * busy / seconds / Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().availableProcessors()));
        }
        if (from.commits() >= 0 && to.commits() >= 0) {
            s.append(String.format(Locale.ROOT, "; PostgreSQL commits %d (%.2f per alert)", to.commits() - from.commits(),
                    (double) (to.commits() - from.commits()) / alerts));
        }
        return s.append(".\n\n").toString();
    }

    private static double jvmCpu() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : -1;
    }

    /** The postmaster's own and reaped children's CPU, plus that of its live children (backends, WAL writer, ...). */
    private double pgCpu() {
        try {
            long postmaster = Long.parseLong(Files.readAllLines(pgDataDir.resolve("postmaster.pid")).get(0).trim());
            long ticks = 0;
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                for (Path p : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                    String[] f = stat(p);
                    if (f == null) {
                        continue;
                    }
                    long pid = Long.parseLong(p.getFileName().toString());
                    if (pid == postmaster) {
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
                    } else if (Long.parseLong(f[1]) == postmaster) {
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                }
            }
            return ticks / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The fields of /proc/PID/stat after the command name: [0] state, [1] ppid, ..., [11] utime, [12] stime. */
    private static String[] stat(Path proc) {
        try {
            String s = Files.readString(proc.resolve("stat"));
            return s.substring(s.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Seconds of CPU the whole machine spent busy (all but idle and iowait), from /proc/stat. */
    private static double machineBusy() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            String[] f = lines.get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** PostgreSQL's commits in the case database (its statistics lag up to half a second); -1 when unreadable. */
    private long pgCommits() {
        try {
            List<String> pid = Files.readAllLines(pgDataDir.resolve("postmaster.pid"));
            String url = "jdbc:postgresql://127.0.0.1:" + pid.get(3).trim() + "/anju";
            try (Connection c = DriverManager.getConnection(url, "postgres", EmbeddedPassword.read(pgDataDir));
                 Statement st = c.createStatement();
                 ResultSet r = st.executeQuery("select xact_commit from pg_stat_database where datname = 'anju'")) {
                return r.next() ? r.getLong(1) : -1;
            }
        } catch (IOException | SQLException | RuntimeException e) {
            return -1;
        }
    }
}
