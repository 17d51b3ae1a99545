package io.anju.jobs.detect.charger;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import io.anju.jobs.alert.AlertBook;
import io.anju.jobs.alert.AlertDraft;
import io.anju.jobs.input.ChargerLimits;
import io.anju.jobs.input.ChargerTelemetry;
import io.anju.jobs.input.PortReading;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.List;

/**
 * {@link AlertType#PORT_OVERLOAD} per charger port, from telemetry keyed by device id: orange ({@code inspect_port})
 * after 5 s above the port limit, red ({@code stop_port}) after 30 s or at 1.2 × the limit; cleared by the first
 * reading at or below the limit. See {@link PortOverloadRule}.
 */
public class PortOverloadDetector extends KeyedProcessFunction<String, ChargerTelemetry, Alert> {
    private final PortOverloadSettings settings;
    private transient PortOverloadRule rule;
    private transient AlertBook book;
    private transient MapState<Integer, PortOverloadRun> runs;
    private transient NewestReading newest;

    public PortOverloadDetector(PortOverloadSettings settings) {
        this.settings = settings;
    }

    public PortOverloadDetector() {
        this(PortOverloadSettings.defaults());
    }

    @Override
    public void open(OpenContext openContext) {
        rule = new PortOverloadRule(settings);
        book = new AlertBook(getRuntimeContext().getMapState(AlertBook.descriptor("portOverloadAlerts")));
        runs = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("portOverloadRuns", Integer.class, PortOverloadRun.class));
        newest = NewestReading.open(getRuntimeContext(), "portOverloadNewestTs");
    }

    @Override
    public void processElement(ChargerTelemetry t, Context ctx, Collector<Alert> out) throws Exception {
        long ts = ctx.timestamp() != null ? ctx.timestamp() : t.ts();
        if (t.ports() == null || !newest.accept(ts)) {
            return;
        }
        int limitW = (t.limits() == null ? ChargerLimits.DEFAULTS : t.limits()).portLimitW();
        for (PortReading r : t.ports()) {
            onPort(t, r, ts, limitW, out);
        }
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
                        List.of(Evidence.portReading(ts, deviceId, r.no(), "powerW", r.powerW(), "W"))).ifPresent(out::collect);
            }
            return;
        }
        runs.put(r.no(), run);
        if (run.severity() == null) {
            return;
        }
        List<Evidence> evidence = List.of(
                Evidence.portReading(run.startTs(), deviceId, r.no(), "powerW", run.firstW(), "W"),
                Evidence.portReading(ts, deviceId, r.no(), "powerW", r.powerW(), "W"),
                Evidence.portReading(ts, deviceId, r.no(), "currentA", r.currentA(), "A"));
        AlertDraft draft = AlertDraft.port(AlertType.PORT_OVERLOAD, run.severity(), deviceId, r.no(), t.location(), ts,
                PortOverloadRule.summary(deviceId, r.no(), run, limitW), PortOverloadRule.action(run.severity()),
                evidence);
        book.raiseOrUpdate(draft).ifPresent(out::collect);
    }
}
