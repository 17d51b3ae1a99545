package io.anju.jobs.detect.charger;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.model.LocationChain;
import io.anju.jobs.input.ChargerLimits;
import io.anju.jobs.input.ChargerTelemetry;
import io.anju.jobs.input.PortReading;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import java.util.ArrayList;
import java.util.List;

/** Named times and readings so the detector tests read as scenarios; event-time arithmetic lives here. */
final class ChargerScenario {
    static final String DEVICE = "CHG-LH-0042";
    static final LocationChain LOCATION = new LocationChain("sd-beiyuanmen", "cm-0007", "gr-0021", "cp-0113", null);
    static final long BEGINNING = 1_764_378_000_000L;
    static final double BATTERY_V = 48.0;

    private ChargerScenario() {
    }

    static long at(double seconds) {
        return BEGINNING + Math.round(seconds * 1000);
    }

    static long minutes(double m) {
        return at(m * 60);
    }

    static PortReading charging(int port, double watts) {
        return new PortReading(port, "charging", BATTERY_V, watts / BATTERY_V, watts, 100, 35);
    }

    static PortReading idle(int port) {
        return new PortReading(port, "idle", 0, 0, 0, 0, 24);
    }

    static ChargerTelemetry telemetry(long ts, PortReading... ports) {
        return new ChargerTelemetry(DEVICE, ts, LOCATION, 228, 22, false, 2, List.of(ports), ChargerLimits.DEFAULTS);
    }

    /** A 12-port station whose ports share {@code totalW} equally. */
    static ChargerTelemetry stationDrawing(long ts, double totalW) {
        PortReading[] ports = new PortReading[12];
        for (int i = 0; i < ports.length; i++) {
            ports[i] = charging(i + 1, totalW / ports.length);
        }
        return telemetry(ts, ports);
    }

    static KeyedOneInputStreamOperatorTestHarness<String, ChargerTelemetry, Alert> harness(
            KeyedProcessFunction<String, ChargerTelemetry, Alert> fn) throws Exception {
        return restored(fn, null);
    }

    /** A harness whose function starts from {@code snapshot} (a fresh one when null), as after a job restore. */
    static KeyedOneInputStreamOperatorTestHarness<String, ChargerTelemetry, Alert> restored(
            KeyedProcessFunction<String, ChargerTelemetry, Alert> fn, OperatorSubtaskState snapshot) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(fn), ChargerTelemetry::deviceId,
                Types.STRING);
        h.setup();
        if (snapshot != null) {
            h.initializeState(snapshot);
        }
        h.open();
        return h;
    }

    /** Feeds one telemetry message and returns the alerts it caused. */
    static List<Alert> feed(KeyedOneInputStreamOperatorTestHarness<String, ChargerTelemetry, Alert> h,
                            ChargerTelemetry t) throws Exception {
        int before = h.extractOutputValues().size();
        h.processElement(t, t.ts());
        List<Alert> all = h.extractOutputValues();
        return new ArrayList<>(all.subList(before, all.size()));
    }

    static long count(List<Alert> alerts, AlertStatus status) {
        return alerts.stream().filter(a -> a.status() == status).count();
    }
}
