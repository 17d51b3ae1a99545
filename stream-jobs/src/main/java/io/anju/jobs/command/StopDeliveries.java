package io.anju.jobs.command;

import io.anju.jobs.input.StopDelivery;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;

import java.time.Duration;

/**
 * A charger's delivered stops that no watched stop was waiting for yet, by command id: the gateway's report and the
 * stop itself come on different topics, so the report may reach the job first (a person's command read after its
 * delivery, or a replay after a restore). A {@link StopWatch} takes the entry when it starts watching that command.
 * Kept for {@link #KEPT} of processing time (Flink's state TTL): one topic of the job's input runs ahead of another
 * by far less, and a report nothing ever claims (a stop not watched, a late report of an earlier attempt) is
 * forgotten.
 */
public final class StopDeliveries {
    static final Duration KEPT = Duration.ofHours(1);
    public static final MapStateDescriptor<String, Long> DESCRIPTOR = descriptor();

    private final MapState<String, Long> early;

    private StopDeliveries(MapState<String, Long> early) {
        this.early = early;
    }

    public static StopDeliveries open(RuntimeContext ctx) {
        return new StopDeliveries(ctx.getMapState(DESCRIPTOR));
    }

    /** Keeps a delivery no stop was waiting for; of several reports of one command, the earliest delivery counts. */
    public void keep(StopDelivery d) throws Exception {
        Long known = early.get(d.commandId());
        early.put(d.commandId(), known == null ? d.deliveredAt() : Math.min(known, d.deliveredAt()));
    }

    /** The receive-clock time {@code commandId} was delivered, forgotten here; 0 when no report came yet. */
    long take(String commandId) throws Exception {
        Long at = early.get(commandId);
        if (at == null) {
            return 0;
        }
        early.remove(commandId);
        return at;
    }

    private static MapStateDescriptor<String, Long> descriptor() {
        MapStateDescriptor<String, Long> d = new MapStateDescriptor<>("stop-deliveries", Types.STRING, Types.LONG);
        d.enableTimeToLive(StateTtlConfig.newBuilder(KEPT).build());
        return d;
    }
}
