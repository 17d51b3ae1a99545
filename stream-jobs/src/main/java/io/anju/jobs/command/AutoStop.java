package io.anju.jobs.command;

import io.anju.common.alert.Alert;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;

/**
 * Sends one {@code stop_port} per alert (keyed by alert id) the first time a revision of it qualifies under the
 * {@link AutoStopPolicy}. The "already sent" mark is keyed state, so a job restored from a checkpoint neither
 * repeats the command nor forgets it.
 */
public final class AutoStop extends KeyedProcessFunction<String, Alert, StopPortCommand> {
    private final AutoStopPolicy policy;
    private final long ttlMs;
    private transient ValueState<Boolean> sent;

    public AutoStop(AutoStopPolicy policy, Duration commandTtl) {
        this.policy = policy;
        this.ttlMs = commandTtl.toMillis();
    }

    @Override
    public void open(OpenContext ctx) {
        sent = getRuntimeContext().getState(new ValueStateDescriptor<>("stop-port-sent", Types.BOOLEAN));
    }

    @Override
    public void processElement(Alert alert, Context ctx, Collector<StopPortCommand> out) throws Exception {
        if (!alert.open()) {
            sent.clear();
            return;
        }
        if (sent.value() != null || !policy.stopsPortFor(alert)) {
            return;
        }
        sent.update(true);
        out.collect(StopPortCommand.forAlert(alert.id(), alert.deviceId(), alert.port(), alert.emittedAt(), ttlMs));
    }
}
