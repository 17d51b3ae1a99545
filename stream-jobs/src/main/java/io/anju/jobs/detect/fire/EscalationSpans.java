package io.anju.jobs.detect.fire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A compound's e-bike-in-elevator escalation over event time, as the per-device detectors keep it in broadcast
 * state: each change ({@link Escalation}) holds from its time until the next one. A station's fire risk is judged with
 * the escalation in force at the time it is judged for, not with the one that happens to have arrived, so the order
 * in which the cameras' and the chargers' inputs reach the detectors does not decide it.
 *
 * <p>Only the changes a judgement can still ask about are kept: the one in force {@code keepMs} before the newest
 * change, and those after it. They are trimmed by the compound's own change times rather than by a watermark, so
 * every parallel instance keeps the same state (Flink restores broadcast state from any one of them). A Flink POJO.
 */
public class EscalationSpans {
    /** The changes, by time: each holds until the next. */
    public Escalation[] changes = new Escalation[0];

    public EscalationSpans() {
    }

    /**
     * {@code spans} (none when null) with the change {@code e} at its time (a compound's changes come in their order;
     * one out of order still goes in its place), less what was superseded more than {@code keepMs} before the newest
     * change.
     */
    public static EscalationSpans adding(EscalationSpans spans, Escalation e, long keepMs) {
        List<Escalation> all = new ArrayList<>(spans == null ? List.of() : Arrays.asList(spans.changes));
        int at = all.size();
        while (at > 0 && all.get(at - 1).ts() > e.ts()) {
            at--;
        }
        all.add(at, e);
        long horizon = all.get(all.size() - 1).ts() - keepMs;
        int first = 0;
        while (first + 1 < all.size() && all.get(first + 1).ts() <= horizon) {
            first++;
        }
        // Before the first change nothing is escalated: a leading end says nothing.
        while (first < all.size() && !all.get(first).active()) {
            first++;
        }
        EscalationSpans out = new EscalationSpans();
        out.changes = all.subList(first, all.size()).toArray(new Escalation[0]);
        return out;
    }

    /** Nothing escalated at any time kept: the compound need not be kept. */
    public boolean isEmpty() {
        return changes.length == 0;
    }

    /** Whether the compound's fire risks are one level higher at {@code ts}. */
    public boolean activeAt(long ts) {
        return reasonAt(ts) != null;
    }

    /** Whether the escalation changes at {@code ts}. */
    public boolean changesAt(long ts) {
        for (Escalation e : changes) {
            if (e.ts() == ts) {
                return true;
            }
        }
        return false;
    }

    /** The time of the first change after {@code ts}, or {@link StationState#NONE} when none is known. */
    public long changeAfter(long ts) {
        for (Escalation e : changes) {
            if (e.ts() > ts) {
                return e.ts();
            }
        }
        return StationState.NONE;
    }

    /** Why the compound's fire risks are one level higher at {@code ts}, or null when they are not. */
    public String reasonAt(long ts) {
        for (int i = changes.length - 1; i >= 0; i--) {
            if (changes[i].ts() <= ts) {
                return changes[i].reason();
            }
        }
        return null;
    }
}
