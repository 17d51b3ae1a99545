package io.anju.jobs.command.cap;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;

import java.util.ArrayList;
import java.util.List;

/**
 * The event times of the automatic stops a compound sent within the last {@link StopCapSettings#WINDOW}: at most the
 * cap's worth, older ones dropped as new ones are counted and when event time has passed their minute.
 */
final class SentStops {
    static final ListStateDescriptor<Long> SENT = new ListStateDescriptor<>("stop-cap-sent", Types.LONG);

    private final ListState<Long> sent;
    private final long windowMs;

    private SentStops(ListState<Long> sent, long windowMs) {
        this.sent = sent;
        this.windowMs = windowMs;
    }

    static SentStops open(RuntimeContext ctx) {
        return new SentStops(ctx.getListState(SENT), StopCapSettings.WINDOW.toMillis());
    }

    /**
     * Counts a stop asked for at event time {@code ts} when fewer than {@code cap} were sent in the minute before it
     * (or, arriving late, after it); false when it is past the cap.
     */
    boolean tryCount(long ts, int cap) throws Exception {
        List<Long> recent = new ArrayList<>();
        Iterable<Long> stored = sent.get();
        if (stored != null) {
            for (Long t : stored) {
                if (t > ts - windowMs) {
                    recent.add(t);
                }
            }
        }
        if (recent.size() >= cap) {
            sent.update(recent);
            return false;
        }
        recent.add(ts);
        sent.update(recent);
        return true;
    }

    /** When a stop counted at {@code ts} stops counting. */
    long expiry(long ts) {
        return ts + windowMs;
    }

    /** Event time has reached {@code now}: forgets the stops whose minute has passed. */
    void expire(long now) throws Exception {
        List<Long> recent = new ArrayList<>();
        Iterable<Long> stored = sent.get();
        if (stored != null) {
            for (Long t : stored) {
                if (expiry(t) > now) {
                    recent.add(t);
                }
            }
        }
        if (recent.isEmpty()) {
            sent.clear();
        } else {
            sent.update(recent);
        }
    }
}
