package io.anju.jobs.detect.gate;

/**
 * One run of the same gate anomaly: from its first event until a quiet period passes without another. It stays in
 * state after it closed, so a late event of the closed run is recognised instead of raising it again.
 *
 * @param firstTs device time of the first event of the run
 * @param lastTs  device time of the newest event of the run
 * @param count   events in the run
 * @param open    false once the quiet period has passed
 */
public record Episode(long firstTs, long lastTs, int count, boolean open) {

    /** What an anomalous event does to the run. */
    public enum Step {
        /** starts a new run: raise */
        RAISE,
        /** belongs to the open run: update */
        EXTEND,
        /** belongs to a run that already closed: ignore */
        LATE
    }

    public static Episode begin(long ts) {
        return new Episode(ts, ts, 1, true);
    }

    /** The step for an anomalous event at {@code ts}, given the run so far (null: none yet). */
    public static Step step(Episode run, long ts, long quietMs) {
        if (run == null) {
            return Step.RAISE;
        }
        if (run.open) {
            return Step.EXTEND;
        }
        return ts < run.quietUntil(quietMs) ? Step.LATE : Step.RAISE;
    }

    public long quietUntil(long quietMs) {
        return lastTs + quietMs;
    }

    /** True when the run is open and {@code ts} is at or past its quiet period. */
    public boolean quietBy(long ts, long quietMs) {
        return open && ts >= quietUntil(quietMs);
    }

    public Episode extend(long ts) {
        return new Episode(Math.min(firstTs, ts), Math.max(lastTs, ts), count + 1, true);
    }

    public Episode closed() {
        return new Episode(firstTs, lastTs, count, false);
    }
}
