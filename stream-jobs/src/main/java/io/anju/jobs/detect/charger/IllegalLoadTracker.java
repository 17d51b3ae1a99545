package io.anju.jobs.detect.charger;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import io.anju.common.alert.Severity;
import io.anju.jobs.alert.AlertBook;
import io.anju.jobs.alert.AlertDraft;
import io.anju.jobs.input.ChargerTelemetry;
import io.anju.jobs.input.PortReading;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.util.Collector;

import java.util.List;

/**
 * {@link AlertType#ILLEGAL_HIGH_POWER_LOAD} per port of the current charger: a flat draw of at least 800 W for 20
 * minutes is orange ({@code inspect_port}) until the port drops below 800 W. See {@link IllegalLoadRule} for what
 * counts as flat. Part of the per-device detectors; its state is each port's current run and the open alerts.
 */
public final class IllegalLoadTracker {
    private final IllegalLoadRule rule;
    private final AlertBook book;
    private final MapState<Integer, IllegalLoadRun> runs;

    private IllegalLoadTracker(IllegalLoadRule rule, AlertBook book, MapState<Integer, IllegalLoadRun> runs) {
        this.rule = rule;
        this.book = book;
        this.runs = runs;
    }

    public static IllegalLoadTracker open(RuntimeContext ctx, IllegalLoadSettings settings) {
        return new IllegalLoadTracker(new IllegalLoadRule(settings),
                new AlertBook(ctx.getMapState(AlertBook.descriptor("illegalLoadAlerts"))),
                ctx.getMapState(new MapStateDescriptor<>("illegalLoadRuns", Integer.class, IllegalLoadRun.class)));
    }

    /** A telemetry already known to be the newest of the station. */
    public void onTelemetry(ChargerTelemetry t, Collector<Alert> out) throws Exception {
        // Most stations have no port at the line: one look at the runs then spares one per port.
        boolean anyRun = !runs.isEmpty();
        for (PortReading r : t.ports()) {
            onPort(t, r, t.ts(), anyRun, out);
        }
    }

    private void onPort(ChargerTelemetry t, PortReading r, long ts, boolean anyRun, Collector<Alert> out)
            throws Exception {
        IllegalLoadRun before = anyRun ? runs.get(r.no()) : null;
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
                t.location(), ts, IllegalLoadRule.summary(deviceId, r.no(), run), IllegalLoadRule.ACTION, evidence,
                rule.facts(run)))
                .ifPresent(out::collect);
    }
}
