package io.anju.jobs.detect.charger;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertType;
import io.anju.jobs.input.ChargerEvent;
import io.anju.jobs.input.ChargerTelemetry;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * {@link PortOverloadDetector} that also reads the charger's events (both inputs keyed by device id): an
 * {@code overcurrent} event with a port marks the start of the above-limit run, so the next telemetry that still
 * shows the port over counts its duration from the event (orange up to 30 s earlier than from telemetry alone).
 * Other events are ignored; without events it behaves exactly like {@link PortOverloadDetector}.
 */
public class PortOverloadWithEventsDetector
        extends KeyedCoProcessFunction<String, ChargerTelemetry, ChargerEvent, Alert> {
    private final PortOverloadSettings settings;
    private transient PortOverloadTracker tracker;

    public PortOverloadWithEventsDetector(PortOverloadSettings settings) {
        this.settings = settings;
    }

    public PortOverloadWithEventsDetector() {
        this(PortOverloadSettings.defaults());
    }

    @Override
    public void open(OpenContext openContext) {
        tracker = PortOverloadTracker.open(getRuntimeContext(), settings);
    }

    @Override
    public void processElement1(ChargerTelemetry t, Context ctx, Collector<Alert> out) throws Exception {
        tracker.onTelemetry(t, ctx.timestamp() != null ? ctx.timestamp() : t.ts(), out);
    }

    @Override
    public void processElement2(ChargerEvent e, Context ctx, Collector<Alert> out) throws Exception {
        tracker.onEvent(e, ctx.timestamp() != null ? ctx.timestamp() : e.ts());
    }
}
