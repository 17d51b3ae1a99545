package io.anju.jobs.detect.crowd;

/**
 * The entrance inflow rule: inflow (people per minute, from one reading's {@code inCount}) above the limit for
 * the minimum duration raises; below inflowClearRatio × the limit for inflowClearAfter clears. Like the levels,
 * a reading stands for its counting interval.
 *
 * <p>A Flink POJO (public fields, no-arg constructor) kept in keyed state.
 */
public final class InflowHold {
    /** Device time since when the inflow has been above the limit, or NONE. */
    public long aboveSince = LevelHold.NONE;
    /** Device time since when the inflow has been below the clear line, or NONE. */
    public long belowSince = LevelHold.NONE;

    public InflowHold() {
    }

    /** Takes one reading; true while the inflow alert should be open. */
    public boolean observe(double perMin, double limitPerMin, boolean open, long ts, long coverMs, CrowdSettings s) {
        aboveSince = perMin > limitPerMin ? (aboveSince == LevelHold.NONE ? ts : aboveSince) : LevelHold.NONE;
        belowSince = perMin < s.inflowClearRatio() * limitPerMin
                ? (belowSince == LevelHold.NONE ? ts : belowSince) : LevelHold.NONE;
        if (!open) {
            return LevelHold.heldFor(aboveSince, ts, coverMs, s.inflowMinDuration().toMillis());
        }
        return !LevelHold.heldFor(belowSince, ts, coverMs, s.inflowClearAfter().toMillis());
    }

    /** People per minute from a reading's crossings into the zone. */
    public static double perMin(int inCount, int intervalS) {
        return inCount * 60.0 / intervalS;
    }
}
