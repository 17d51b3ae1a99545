package io.anju.jobs.detect.charger;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertType;
import io.anju.jobs.input.ChargerTelemetry;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * {@link AlertType#PORT_OVERLOAD} per charger port, from telemetry keyed by device id: orange ({@code inspect_port})
 * after 5 s above the port limit, red ({@code stop_port}) after 30 s or at 1.2 × the limit; cleared by the first
 * reading at or below the limit. See {@link PortOverloadRule}; {@link PortOverloadWithEventsDetector} also takes the
 * charger's overcurrent events as an earlier start.
 */
public class PortOverloadDetector extends KeyedProcessFunction<String, ChargerTelemetry, Alert> {
    private final PortOverloadSettings settings;
    private transient PortOverloadTracker tracker;

    public PortOverloadDetector(PortOverloadSettings settings) {
        this.settings = settings;
    }

    public PortOverloadDetector() {
        this(PortOverloadSettings.defaults());
    }

    @Override
    public void open(OpenContext openContext) {
        tracker = PortOverloadTracker.open(getRuntimeContext(), settings);
    }

    @Override
    public void processElement(ChargerTelemetry t, Context ctx, Collector<Alert> out) throws Exception {
        tracker.onTelemetry(t, ctx.timestamp() != null ? ctx.timestamp() : t.ts(), out);
    }
}
