package io.anju.jobs.detect.charger;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;

import java.io.IOException;

/**
 * The device time of the newest telemetry of the current charger. One message carries every port, so this also
 * guards each port: a stale or repeated message (not newer than the newest seen) must not move any state backwards,
 * so it is counted in {@code staleReadings} and dropped.
 */
public final class NewestReading {
    private final ValueState<Long> newest;
    private final Counter stale;

    private NewestReading(ValueState<Long> newest, Counter stale) {
        this.newest = newest;
        this.stale = stale;
    }

    public static NewestReading open(RuntimeContext ctx, String stateName, Counter stale) {
        return new NewestReading(ctx.getState(new ValueStateDescriptor<>(stateName, Long.class)), stale);
    }

    /** The newest reading's time, null before the first. */
    public Long newest() throws IOException {
        return newest.value();
    }

    /** True when {@code ts} is newer than every reading seen so far; remembers nothing. */
    public boolean isNewer(long ts) throws IOException {
        Long seen = newest.value();
        return seen == null || ts > seen;
    }

    /** True and remembered when {@code ts} is newer than every reading seen so far; false (and counted) otherwise. */
    public boolean accept(long ts) throws IOException {
        Long seen = newest.value();
        if (seen != null && ts <= seen) {
            stale.inc();
            return false;
        }
        newest.update(ts);
        return true;
    }
}
