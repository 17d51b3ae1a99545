package io.anju.jobs.command;

import io.anju.common.alert.Alert;
import io.anju.common.command.DeviceCommand;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;

import java.time.Duration;

/**
 * One {@code stop_port} per alert, the first time a revision of it qualifies under the {@link AutoStopPolicy}: a
 * part of the per-device detectors, which see every alert of a port the moment they emit it. The "already sent"
 * marks are keyed state of the charger (by alert id, forgotten when the alert clears), so a job restored from a
 * checkpoint neither repeats the command nor forgets it; a command written again after a restart carries the same
 * id ({@link DeviceCommand#forAlert}), which devices treat as a repeat. The command goes to the compound's cap
 * ({@link StopEvent#request}), which sends it or holds it; the clear of an alert that asked for a stop goes there too
 * ({@link StopEvent#release}), since it settles a held stop.
 */
public final class AutoStop {
    private final AutoStopPolicy policy;
    private final long ttlMs;
    private final MapState<String, Boolean> sent;

    private AutoStop(AutoStopPolicy policy, long ttlMs, MapState<String, Boolean> sent) {
        this.policy = policy;
        this.ttlMs = ttlMs;
        this.sent = sent;
    }

    public static AutoStop open(RuntimeContext ctx, AutoStopPolicy policy, Duration commandTtl) {
        return new AutoStop(policy, commandTtl.toMillis(),
                ctx.getMapState(new MapStateDescriptor<>("stop-port-sent", Types.STRING, Types.BOOLEAN)));
    }

    /** The stop this revision asks for, the release of one when it clears, or null. */
    public StopEvent onAlert(Alert alert) throws Exception {
        if (!alert.open()) {
            if (!sent.contains(alert.id())) {
                return null;
            }
            sent.remove(alert.id());
            return StopEvent.release(alert);
        }
        if (sent.contains(alert.id()) || !policy.stopsPortFor(alert)) {
            return null;
        }
        sent.put(alert.id(), true);
        return StopEvent.request(
                StopPortCommands.forAlert(alert.id(), alert.deviceId(), alert.port(), alert.emittedAt(), ttlMs), alert);
    }
}
