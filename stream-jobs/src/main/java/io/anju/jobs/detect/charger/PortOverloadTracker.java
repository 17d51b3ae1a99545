package io.anju.jobs.detect.charger;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import io.anju.jobs.alert.AlertBook;
import io.anju.jobs.alert.AlertDraft;
import io.anju.jobs.input.ChargerEvent;
import io.anju.jobs.input.ChargerLimits;
import io.anju.jobs.input.ChargerTelemetry;
import io.anju.jobs.input.PortReading;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link AlertType#PORT_OVERLOAD} per port of the current charger: orange ({@code inspect_port}) after 5 s above the
 * port limit, red ({@code stop_port}) after 30 s or at 1.2 × the limit; cleared by the first reading at or below the
 * limit (see {@link PortOverloadRule}). The charger's own {@code overcurrent} event with a port marks the start of
 * the above-limit run, so the next telemetry that still shows the port over counts its duration from the event
 * (orange up to 30 s earlier than from telemetry alone). Part of the per-device detectors; its state is each port's
 * current above-limit run (removed when it ends) and the open alerts.
 */
public final class PortOverloadTracker {
    static final String OVERCURRENT = "overcurrent";

    private final PortOverloadRule rule;
    private final AlertBook book;
    private final MapState<Integer, PortOverloadRun> runs;

    private PortOverloadTracker(PortOverloadRule rule, AlertBook book, MapState<Integer, PortOverloadRun> runs) {
        this.rule = rule;
        this.book = book;
        this.runs = runs;
    }

    public static PortOverloadTracker open(RuntimeContext ctx, PortOverloadSettings settings) {
        return new PortOverloadTracker(new PortOverloadRule(settings),
                new AlertBook(ctx.getMapState(AlertBook.descriptor("portOverloadAlerts"))),
                ctx.getMapState(new MapStateDescriptor<>("portOverloadRuns", Integer.class, PortOverloadRun.class)));
    }

    /** A telemetry already known to be the newest of the station. */
    public void onTelemetry(ChargerTelemetry t, Collector<Alert> out) throws Exception {
        int limitW = (t.limits() == null ? ChargerLimits.DEFAULTS : t.limits()).portLimitW();
        // Nearly always no port has a run: one look at the runs then spares one per port.
        boolean anyRun = !runs.isEmpty();
        for (PortReading r : t.ports()) {
            onPort(t, r, t.ts(), limitW, anyRun, out);
        }
    }

    /**
     * The charger's own overcurrent event starts the run early; it only counts when it is newer than the newest
     * telemetry ({@code newerThanTelemetry}: older ones are already told by the readings) and the port has no run yet.
     */
    public void onEvent(ChargerEvent e, boolean newerThanTelemetry) throws Exception {
        if (!OVERCURRENT.equals(e.kind()) || e.port() == null || !newerThanTelemetry || runs.contains(e.port())) {
            return;
        }
        runs.put(e.port(), rule.startedByEvent(e.ts(), e.value()));
    }

    private void onPort(ChargerTelemetry t, PortReading r, long ts, int limitW, boolean anyRun, Collector<Alert> out)
            throws Exception {
        PortOverloadRun before = anyRun ? runs.get(r.no()) : null;
        PortOverloadRun run = rule.advance(before, r, ts, limitW);
        String deviceId = t.deviceId();
        if (run == null) {
            if (before == null) {
                return; // the common case: a port within its limit that was within it before (an open alert has a run)
            }
            runs.remove(r.no());
            String key = Alert.dedupKey(AlertType.PORT_OVERLOAD, Alert.portSourceId(deviceId, r.no()));
            if (book.isOpen(key)) {
                book.clear(key, ts, PortOverloadRule.clearSummary(deviceId, r.no(), r, before, limitW),
                        List.of(Evidence.portReading(ts, deviceId, r.no(), "powerW", r.powerW(), "W")))
                        .ifPresent(out::collect);
            }
            return;
        }
        runs.put(r.no(), run);
        if (run.severity() == null) {
            return;
        }
        AlertDraft draft = AlertDraft.port(AlertType.PORT_OVERLOAD, run.severity(), deviceId, r.no(), t.location(), ts,
                PortOverloadRule.summary(deviceId, r.no(), run, limitW), PortOverloadRule.action(run.severity()),
                evidence(deviceId, r, run, ts), PortOverloadRule.facts(run, limitW));
        book.raiseOrUpdate(draft).ifPresent(out::collect);
    }

    /** The event that started the run (if any), its first reading and the latest power and current. */
    private static List<Evidence> evidence(String deviceId, PortReading r, PortOverloadRun run, long ts) {
        List<Evidence> evidence = new ArrayList<>(4);
        if (run.startedByEvent()) {
            Double a = Double.isNaN(run.eventA()) ? null : run.eventA();
            evidence.add(new Evidence(run.startTs(), deviceId, "overcurrentEventA", a, a == null ? null : "A", r.no(),
                    null));
        }
        if (run.firstTs() != ts) {
            evidence.add(Evidence.portReading(run.firstTs(), deviceId, r.no(), "powerW", run.firstW(), "W"));
        }
        evidence.add(Evidence.portReading(ts, deviceId, r.no(), "powerW", r.powerW(), "W"));
        evidence.add(Evidence.portReading(ts, deviceId, r.no(), "currentA", r.currentA(), "A"));
        return evidence;
    }
}
