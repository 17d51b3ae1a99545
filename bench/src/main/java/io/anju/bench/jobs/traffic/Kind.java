package io.anju.bench.jobs.traffic;

/** The kinds of envelope the benchmark writes, each with its device schedule. */
public enum Kind {
    /** Charger telemetry, 10 port readings each: every 30 s. */
    CHARGER(30_000),
    /** Crowd counter telemetry: every 10 s. */
    CROWD(10_000),
    /** A gate pass event: every 20 s. */
    GATE(20_000),
    /** A status heartbeat of every device above: every 120 s. */
    STATUS(120_000);

    private final long periodMs;

    Kind(long periodMs) {
        this.periodMs = periodMs;
    }

    public long periodMs() {
        return periodMs;
    }
}
