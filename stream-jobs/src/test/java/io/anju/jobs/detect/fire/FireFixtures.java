package io.anju.jobs.detect.fire;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.model.LocationChain;
import io.anju.jobs.input.CameraDetection;
import io.anju.jobs.input.ChargerEvent;
import io.anju.jobs.input.ChargerLimits;
import io.anju.jobs.input.ChargerTelemetry;
import io.anju.jobs.input.PortReading;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

import java.util.ArrayList;
import java.util.List;

/** Named times, inputs and a harness for the fire tests, so each test reads as a scenario. */
abstract class FireFixtures {
    static final long BEGINNING = 1_764_378_000_000L;
    static final long TELEMETRY_MS = 30_000;
    static final String COMPOUND = "cp-0042";
    static final String STATION = "chg-0042-01";
    static final String OTHER_STATION = "chg-0042-02";
    static final String CAMERA = "cam-0042-e1";
    static final LocationChain LOCATION = new LocationChain("sd-lianhu-01", "cm-011", "gr-031", COMPOUND, null);

    static long minutes(double m) {
        return BEGINNING + Math.round(m * 60_000);
    }

    static long seconds(double s) {
        return BEGINNING + Math.round(s * 1000);
    }

    static KeyedOneInputStreamOperatorTestHarness<String, FireSignal, Alert> harness() throws Exception {
        return harness(FireRiskSettings.defaults());
    }

    static KeyedOneInputStreamOperatorTestHarness<String, FireSignal, Alert> harness(FireRiskSettings settings)
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new FireRiskDetector(settings, ElevatorSettings.defaults()), FireSignal::compoundId, Types.STRING);
    }

    /** A harness that is not opened yet, for restoring a snapshot into it. */
    static KeyedOneInputStreamOperatorTestHarness<String, FireSignal, Alert> unopenedHarness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new FireRiskDetector(FireRiskSettings.defaults(),
                        ElevatorSettings.defaults())), FireSignal::compoundId, Types.STRING);
    }

    /** Alerts that changed something: raises, clears and updates of severity or action, not periodic refreshes. */
    static List<Alert> changes(List<Alert> alerts) {
        List<Alert> out = new ArrayList<>();
        for (Alert a : alerts) {
            Alert prev = null;
            for (Alert o : out) {
                if (o.id().equals(a.id())) {
                    prev = o;
                }
            }
            if (prev == null || a.status() != AlertStatus.UPDATED || prev.severity() != a.severity()
                    || !prev.recommendedAction().equals(a.recommendedAction())) {
                out.add(a);
            }
        }
        return out;
    }

    /** Telemetry of {@code station}: port i+1 at temps[i] °C. */
    static ChargerTelemetry telemetry(String station, long ts, boolean smoke, double leakageMa, double... temps) {
        List<PortReading> ports = new ArrayList<>();
        for (int i = 0; i < temps.length; i++) {
            ports.add(new PortReading(i + 1, "charging", 48.5, 4.0, 194.0, 100, temps[i]));
        }
        return new ChargerTelemetry(station, ts, LOCATION, 228.0, 24.0, smoke, leakageMa, ports,
                ChargerLimits.DEFAULTS);
    }

    static ChargerEvent event(String station, long ts, String kind, Integer port, Double value) {
        return new ChargerEvent(station, ts, LOCATION, kind, port, value, null);
    }

    static CameraDetection detection(String camera, long ts, String kind) {
        return new CameraDetection(camera, ts, LOCATION, kind, 0.93, camera + "-" + ts, "elevator", "bldg-3");
    }

    static void feed(KeyedOneInputStreamOperatorTestHarness<String, FireSignal, Alert> h, List<FireSignal> signals)
            throws Exception {
        for (FireSignal s : signals) {
            h.processElement(s, s.ts());
        }
    }

    static void feed(KeyedOneInputStreamOperatorTestHarness<String, FireSignal, Alert> h, ChargerTelemetry t)
            throws Exception {
        feed(h, List.of(FireSignals.fromTelemetry(t)));
    }

    static void feed(KeyedOneInputStreamOperatorTestHarness<String, FireSignal, Alert> h, ChargerEvent e)
            throws Exception {
        feed(h, FireSignals.fromEvent(e));
    }

    static FireSignal confirmed(long firstTs, long secondTs) {
        return FireSignals.elevatorConfirmed(detection(CAMERA, firstTs, "ebike_in_elevator"),
                detection(CAMERA, secondTs, "ebike_in_elevator"));
    }

    static List<Alert> of(List<Alert> alerts, AlertType type) {
        return alerts.stream().filter(a -> a.type() == type).toList();
    }

    static List<Severity> severities(List<Alert> alerts) {
        return changes(alerts).stream().filter(a -> a.status() != AlertStatus.CLEARED).map(Alert::severity).toList();
    }

    static long raises(List<Alert> alerts) {
        return alerts.stream().filter(a -> a.status() == AlertStatus.RAISED).count();
    }
}
