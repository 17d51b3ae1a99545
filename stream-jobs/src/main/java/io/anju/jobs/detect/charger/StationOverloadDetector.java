package io.anju.jobs.detect.charger;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import io.anju.common.alert.Severity;
import io.anju.jobs.alert.AlertBook;
import io.anju.jobs.alert.AlertDraft;
import io.anju.jobs.input.ChargerLimits;
import io.anju.jobs.input.ChargerTelemetry;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.List;

/**
 * {@link AlertType#STATION_OVERLOAD} per charging station, from telemetry keyed by device id: the sum of port power
 * at the refuse line (7.8 kW) is yellow ({@code check_station_load}), at the limit (8.7 kW) red
 * ({@code reduce_station_load}), with the hysteresis of {@link StationOverloadRule}.
 */
public class StationOverloadDetector extends KeyedProcessFunction<String, ChargerTelemetry, Alert> {
    private final StationOverloadSettings settings;
    private transient StationOverloadRule rule;
    private transient AlertBook book;
    private transient NewestReading newest;

    public StationOverloadDetector(StationOverloadSettings settings) {
        this.settings = settings;
    }

    public StationOverloadDetector() {
        this(StationOverloadSettings.defaults());
    }

    @Override
    public void open(OpenContext openContext) {
        rule = new StationOverloadRule(settings);
        book = new AlertBook(getRuntimeContext().getMapState(AlertBook.descriptor("stationOverloadAlerts")));
        newest = NewestReading.open(getRuntimeContext(), "stationOverloadNewestTs");
    }

    @Override
    public void processElement(ChargerTelemetry t, Context ctx, Collector<Alert> out) throws Exception {
        long ts = ctx.timestamp() != null ? ctx.timestamp() : t.ts();
        if (t.ports() == null || !newest.accept(ts)) {
            return;
        }
        ChargerLimits limits = t.limits() == null ? ChargerLimits.DEFAULTS : t.limits();
        String deviceId = t.deviceId();
        String key = Alert.dedupKey(AlertType.STATION_OVERLOAD, deviceId);
        double totalW = t.totalPowerW();
        Severity current = book.severity(key);
        Severity severity = rule.severity(current, totalW, limits);
        if (severity == null && current == null) {
            return; // the common case: a station within its lines, with nothing open
        }
        List<Evidence> evidence = List.of(Evidence.reading(ts, deviceId, "totalPowerW", totalW, "W"));
        if (severity == null) {
            book.clear(key, ts, rule.clearSummary(deviceId, totalW, limits), evidence).ifPresent(out::collect);
            return;
        }
        book.raiseOrUpdate(AlertDraft.device(AlertType.STATION_OVERLOAD, severity, deviceId, t.location(), ts,
                StationOverloadRule.summary(deviceId, severity, totalW, limits), StationOverloadRule.action(severity),
                evidence)).ifPresent(out::collect);
    }
}
