package io.anju.jobs.detect.charger;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import io.anju.common.alert.Severity;
import io.anju.jobs.alert.AlertBook;
import io.anju.jobs.alert.AlertDraft;
import io.anju.jobs.input.ChargerTelemetry;
import io.anju.jobs.input.PortReading;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.List;

/**
 * {@link AlertType#ILLEGAL_HIGH_POWER_LOAD} per charger port, from telemetry keyed by device id: a flat draw of at
 * least 800 W for 20 minutes is orange ({@code inspect_port}) until the port drops below 800 W. See
 * {@link IllegalLoadRule} for what counts as flat.
 */
public class IllegalLoadDetector extends KeyedProcessFunction<String, ChargerTelemetry, Alert> {
    private final IllegalLoadSettings settings;
    private transient IllegalLoadRule rule;
    private transient AlertBook book;
    private transient MapState<Integer, IllegalLoadRun> runs;
    private transient NewestReading newest;

    public IllegalLoadDetector(IllegalLoadSettings settings) {
        this.settings = settings;
    }

    public IllegalLoadDetector() {
        this(IllegalLoadSettings.defaults());
    }

    @Override
    public void open(OpenContext openContext) {
        rule = new IllegalLoadRule(settings);
        book = new AlertBook(getRuntimeContext().getMapState(AlertBook.descriptor("illegalLoadAlerts")));
        runs = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("illegalLoadRuns", Integer.class, IllegalLoadRun.class));
        newest = NewestReading.open(getRuntimeContext(), "illegalLoadNewestTs");
    }

    @Override
    public void processElement(ChargerTelemetry t, Context ctx, Collector<Alert> out) throws Exception {
        long ts = ctx.timestamp() != null ? ctx.timestamp() : t.ts();
        if (t.ports() == null || !newest.accept(ts)) {
            return;
        }
        for (PortReading r : t.ports()) {
            onPort(t, r, ts, out);
        }
    }

    private void onPort(ChargerTelemetry t, PortReading r, long ts, Collector<Alert> out) throws Exception {
        IllegalLoadRun before = runs.get(r.no());
        IllegalLoadRun run = rule.advance(before, r, ts);
        String deviceId = t.deviceId();
        if (run == null) {
            if (before == null) {
                return; // the common case: a port below the line that was below it before
            }
            runs.remove(r.no());
            String key = Alert.dedupKey(AlertType.ILLEGAL_HIGH_POWER_LOAD, Alert.portSourceId(deviceId, r.no()));
            book.clear(key, ts, rule.clearSummary(deviceId, r.no(), r),
                    List.of(Evidence.portReading(ts, deviceId, r.no(), "powerW", r.powerW(), "W")))
                    .ifPresent(out::collect);
            return;
        }
        runs.put(r.no(), run);
        // An open alert stays open while the port stays high, even if the draw changes and a new run starts.
        if (!rule.qualifies(run)) {
            return;
        }
        List<Evidence> evidence = List.of(
                Evidence.portReading(run.startTs(), deviceId, r.no(), "powerW", run.refW(), "W"),
                Evidence.portReading(ts, deviceId, r.no(), "powerW", r.powerW(), "W"),
                Evidence.portReading(ts, deviceId, r.no(), "currentA", r.currentA(), "A"));
        book.raiseOrUpdate(AlertDraft.port(AlertType.ILLEGAL_HIGH_POWER_LOAD, Severity.ORANGE, deviceId, r.no(),
                t.location(), ts, IllegalLoadRule.summary(deviceId, r.no(), run), IllegalLoadRule.ACTION, evidence))
                .ifPresent(out::collect);
    }
}
