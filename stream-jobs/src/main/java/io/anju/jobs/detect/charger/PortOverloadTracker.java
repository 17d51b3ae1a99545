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
 * The keyed state and the steps of the port overload detector, shared by the telemetry-only
 * {@link PortOverloadDetector} and {@link PortOverloadWithEventsDetector}: per port the current above-limit run
 * (removed when it ends), the open alerts, and the newest telemetry time of the charger.
 */
final class PortOverloadTracker {
    static final String OVERCURRENT = "overcurrent";

    private final PortOverloadRule rule;
    private final AlertBook book;
    private final MapState<Integer, PortOverloadRun> runs;
    private final NewestReading newest;

    private PortOverloadTracker(PortOverloadRule rule, AlertBook book, MapState<Integer, PortOverloadRun> runs,
                                NewestReading newest) {
        this.rule = rule;
        this.book = book;
        this.runs = runs;
        this.newest = newest;
    }

    static PortOverloadTracker open(RuntimeContext ctx, PortOverloadSettings settings) {
        return new PortOverloadTracker(new PortOverloadRule(settings),
                new AlertBook(ctx.getMapState(AlertBook.descriptor("portOverloadAlerts"))),
                ctx.getMapState(new MapStateDescriptor<>("portOverloadRuns", Integer.class, PortOverloadRun.class)),
                NewestReading.open(ctx, "portOverloadNewestTs"));
    }

    void onTelemetry(ChargerTelemetry t, long ts, Collector<Alert> out) throws Exception {
        if (t.ports() == null || !newest.accept(ts)) {
            return;
        }
        int limitW = (t.limits() == null ? ChargerLimits.DEFAULTS : t.limits()).portLimitW();
        for (PortReading r : t.ports()) {
            onPort(t, r, ts, limitW, out);
        }
    }

    /**
     * The charger's own overcurrent event starts the run early; it only counts when it is newer than the newest
     * telemetry (older ones are already told by the readings) and the port has no run yet.
     */
    void onEvent(ChargerEvent e, long ts) throws Exception {
        if (!OVERCURRENT.equals(e.kind()) || e.port() == null || !newest.isNewer(ts) || runs.contains(e.port())) {
            return;
        }
        runs.put(e.port(), rule.startedByEvent(ts, e.value()));
    }

    private void onPort(ChargerTelemetry t, PortReading r, long ts, int limitW, Collector<Alert> out)
            throws Exception {
        PortOverloadRun before = runs.get(r.no());
        PortOverloadRun run = rule.advance(before, r, ts, limitW);
        String deviceId = t.deviceId();
        if (run == null) {
            if (before != null) {
                runs.remove(r.no());
            }
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
                evidence(deviceId, r, run, ts));
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
