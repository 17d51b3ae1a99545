package io.anju.jobs.detect.crowd;

import io.anju.common.alert.Severity;

import java.util.Arrays;

/**
 * Hysteresis of the density level, both ways. A level is raised (or raised to) only once the occupancy has been at
 * or above it for the minimum duration; it goes down (or clears) only once the occupancy has been below
 * clearRatio × its threshold for clearAfter. Per level, it remembers since when each condition has held without a
 * break. A reading stands for its counting interval, so 3 readings of 10 s hold for 30 s.
 *
 * <p>A Flink POJO (public fields, no-arg constructor) kept in keyed state.
 */
public final class LevelHold {
    public static final long NONE = Long.MIN_VALUE;
    private static final Severity[] LEVELS = Severity.values();

    /** Per level (by ordinal): device time since when the occupancy has reached the level, or NONE. */
    public long[] upSince;
    /** Per level: device time since when the occupancy has been below the level's hysteresis band, or NONE. */
    public long[] downSince;

    public LevelHold() {
        upSince = new long[LEVELS.length];
        downSince = new long[LEVELS.length];
        Arrays.fill(upSince, NONE);
        Arrays.fill(downSince, NONE);
    }

    /**
     * Takes one reading and returns the level to report after it.
     *
     * @param current  the level reported so far (the open alert's severity), or null
     * @param reached  the level the reading reaches ({@link CrowdLevels#level}), or null
     * @param kept     the highest level whose hysteresis band the reading is in ({@link CrowdLevels#stayLevel})
     * @param ts       device time of the reading
     * @param coverMs  the counting interval the reading stands for
     */
    public Severity next(Severity current, Severity reached, Severity kept, long ts, long coverMs,
                         long minDurationMs, long clearAfterMs) {
        for (Severity l : LEVELS) {
            int i = l.ordinal();
            upSince[i] = atLeast(reached, l) ? since(upSince[i], ts) : NONE;
            downSince[i] = atLeast(kept, l) ? NONE : since(downSince[i], ts);
        }
        Severity held = null;
        for (Severity l : LEVELS) {
            if (heldFor(upSince[l.ordinal()], ts, coverMs, minDurationMs)) {
                held = l;
            }
        }
        if (held != null && (current == null || held.compareTo(current) > 0)) {
            return held;
        }
        if (current == null || !heldFor(downSince[current.ordinal()], ts, coverMs, clearAfterMs)) {
            return current;
        }
        // Below the current band long enough: step down to the highest level whose band has not been left as long.
        for (int i = current.ordinal() - 1; i >= 0; i--) {
            if (!heldFor(downSince[i], ts, coverMs, clearAfterMs)) {
                return LEVELS[i];
            }
        }
        return null;
    }

    private static boolean atLeast(Severity level, Severity l) {
        return level != null && level.atLeast(l);
    }

    private static long since(long since, long ts) {
        return since == NONE ? ts : since;
    }

    static boolean heldFor(long since, long ts, long coverMs, long durationMs) {
        return since != NONE && ts - since + coverMs >= durationMs;
    }
}
