package io.anju.jobs.detect.charger;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import io.anju.common.alert.Severity;
import io.anju.jobs.alert.AlertBook;
import io.anju.jobs.alert.AlertDraft;
import io.anju.jobs.input.ChargerLimits;
import io.anju.jobs.input.ChargerTelemetry;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.util.Collector;

import java.util.List;

/**
 * {@link AlertType#STATION_OVERLOAD} of the current charging station: the sum of port power at the refuse line
 * (7.8 kW) is yellow ({@code check_station_load}), at the limit (8.7 kW) red ({@code reduce_station_load}), with the
 * hysteresis of {@link StationOverloadRule}. Part of the per-device detectors; its state is the station's open alert.
 */
public final class StationOverloadTracker {
    private final StationOverloadRule rule;
    private final AlertBook book;

    private StationOverloadTracker(StationOverloadRule rule, AlertBook book) {
        this.rule = rule;
        this.book = book;
    }

    public static StationOverloadTracker open(RuntimeContext ctx, StationOverloadSettings settings) {
        return new StationOverloadTracker(new StationOverloadRule(settings),
                new AlertBook(ctx.getMapState(AlertBook.descriptor("stationOverloadAlerts"))));
    }

    /** A telemetry already known to be the newest of the station. */
    public void onTelemetry(ChargerTelemetry t, Collector<Alert> out) throws Exception {
        long ts = t.ts();
        ChargerLimits limits = t.limits() == null ? ChargerLimits.DEFAULTS : t.limits();
        String deviceId = t.deviceId();
        String key = Alert.dedupKey(AlertType.STATION_OVERLOAD, deviceId);
        double totalW = t.totalPowerW();
        Severity current = book.anyOpen() ? book.severity(key) : null;
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
                evidence, StationOverloadRule.facts(severity, totalW, limits))).ifPresent(out::collect);
    }
}
