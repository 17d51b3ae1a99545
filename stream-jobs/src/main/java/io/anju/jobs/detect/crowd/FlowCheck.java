package io.anju.jobs.detect.crowd;

/**
 * Cross-check of a counter's {@code count} with its own line crossings: the count should equal the previous count
 * + in − out. The count stays the occupancy estimate: it is an absolute figure from the camera's view, while a
 * balance of crossings drifts with every missed crossing and has no true starting value. A disagreement beyond
 * the tolerance for several readings in a row flags the counter as miscounting, which the alerts then say.
 * Only consecutive readings (no reading lost between them) are compared; a gap neither adds to nor ends a run.
 *
 * <p>A Flink POJO (public fields, no-arg constructor) kept in keyed state.
 */
public final class FlowCheck {
    /** The previous reading's count, or -1 before the first. */
    public int lastCount = -1;
    /** Device time of the previous reading. */
    public long lastTs = LevelHold.NONE;
    /** The flow balance of the latest comparable reading, or -1. */
    public int balance = -1;
    /** Consecutive comparable readings whose count disagreed with the balance. */
    public int streak;

    public FlowCheck() {
    }

    /** Takes one reading (newer than the last); true while the counter is flagged as miscounting. */
    public boolean observe(long ts, int count, int in, int out, int intervalS, CrowdSettings s) {
        // A reading's crossings cover its interval; more than 1.5 intervals since the last means one was lost.
        boolean consecutive = lastCount >= 0 && ts - lastTs <= intervalS * 1500L;
        if (consecutive) {
            balance = Math.max(0, lastCount + in - out);
            int tolerance = (int) Math.max(s.flowMismatchMinPeople(),
                    Math.floor(s.flowMismatchRatio() * Math.max(balance, count)));
            streak = Math.abs(count - balance) > tolerance ? streak + 1 : 0;
        }
        lastCount = count;
        lastTs = ts;
        return suspect(s);
    }

    public boolean suspect(CrowdSettings s) {
        return streak >= s.flowMismatchReadings();
    }
}
