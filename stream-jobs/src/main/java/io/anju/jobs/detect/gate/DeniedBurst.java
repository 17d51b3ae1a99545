package io.anju.jobs.detect.gate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The denied-burst rule without Flink: at least {@code deniedBurst} denials whose first and last are at most
 * {@code deniedWindow} apart, with no successful pass between them. Works on the denials since the last pass, kept
 * sorted by device time, so an out-of-order denial lands where it happened.
 */
public final class DeniedBurst implements java.io.Serializable {
    /** Denials kept per gate at most: a bound on state for a gate that is hammered. */
    static final int MAX_KEPT = 64;

    private final int burst;
    private final long windowMs;

    public DeniedBurst(GateSettings settings) {
        this.burst = settings.deniedBurst();
        this.windowMs = settings.deniedWindow().toMillis();
    }

    /** The denials after adding {@code d}: sorted, and only those that can still be part of a burst. */
    public List<Denial> add(List<Denial> recent, Denial d) {
        List<Denial> next = new ArrayList<>(recent);
        next.add(d);
        next.sort(Comparator.comparingLong(Denial::ts));
        long newest = next.get(next.size() - 1).ts();
        next.removeIf(x -> x.ts() < newest - windowMs);
        return next.size() > MAX_KEPT ? new ArrayList<>(next.subList(next.size() - MAX_KEPT, next.size())) : next;
    }

    /** A successful pass separates what came before it from what follows: denials up to its time no longer count. */
    public static List<Denial> afterPass(List<Denial> recent, long passTs) {
        List<Denial> next = new ArrayList<>(recent);
        next.removeIf(x -> x.ts() <= passTs);
        return next;
    }

    /** The burst that the denial at {@code ts} is part of, or an empty list. */
    public List<Denial> burstWith(List<Denial> sorted, long ts) {
        for (int i = 0; i < sorted.size(); i++) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1).ts() - sorted.get(i).ts() <= windowMs) {
                j++;
            }
            boolean containsTs = sorted.get(i).ts() <= ts && ts <= sorted.get(j).ts();
            if (j - i + 1 >= burst && containsTs) {
                return List.copyOf(sorted.subList(i, j + 1));
            }
        }
        return List.of();
    }
}
