package io.anju.jobs.detect.fire;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.model.LocationChain;
import io.anju.jobs.detect.DetectorSettings;
import io.anju.jobs.detect.DeviceHarness;
import io.anju.jobs.input.CameraDetection;
import io.anju.jobs.input.ChargerEvent;
import io.anju.jobs.input.ChargerLimits;
import io.anju.jobs.input.ChargerTelemetry;
import io.anju.jobs.input.PortReading;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * Named times, inputs and harnesses for the fire tests, so each test reads as a scenario: a station's own signs go
 * to the per-device detectors ({@link #stations()}), camera signs to the compound's stage ({@link CompoundHarness}),
 * and {@link FireStages} wires the two as the job does.
 */
abstract class FireFixtures {
    static final long BEGINNING = 1_764_378_000_000L;
    static final long TELEMETRY_MS = 30_000;
    static final String COMPOUND = "cp-0042";
    static final String STATION = "chg-0042-01";
    static final String OTHER_STATION = "chg-0042-02";
    static final String CAMERA = "cam-0042-e1";
    /** The building of {@link #CAMERA}, as the compound's advisories and escalations name it. */
    static final String BUILDING = "cp-0042/bldg-3";
    static final LocationChain LOCATION = new LocationChain("sd-lianhu-01", "cm-011", "gr-031", COMPOUND, null);

    static long minutes(double m) {
        return BEGINNING + Math.round(m * 60_000);
    }

    static long seconds(double s) {
        return BEGINNING + Math.round(s * 1000);
    }

    /** The per-device detectors, returning the station's fire risk and leakage fault only. */
    static DeviceHarness stations() throws Exception {
        return stations(FireRiskSettings.defaults());
    }

    static DeviceHarness stations(FireRiskSettings settings) throws Exception {
        DetectorSettings d = DetectorSettings.defaults();
        return DeviceHarness.open(new DetectorSettings(d.portOverload(), d.stationOverload(), d.illegalLoad(),
                settings, d.elevator(), d.crowd(), d.offline(), d.gate(), d.stopConfirm(), d.stopCap()),
                FireStages.STATION_TYPES);
    }

    /** What the compound's stage sends while {@code bldg-3} of {@link #COMPOUND} has an open elevator advisory. */
    static Escalation elevatorEscalation(long ts) {
        return new Escalation(COMPOUND, ts, BUILDING);
    }

    static Escalation escalationEnded(long ts) {
        return new Escalation(COMPOUND, ts, "");
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

    static double r1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    static DoubleUnaryOperator linear(double c0, double fromMin, double ratePerMin) {
        return m -> c0 + ratePerMin * (m - fromMin);
    }

    /**
     * Telemetry of {@link #STATION} every 30 s from {@code fromMin} (inclusive) to {@code toMin} (exclusive): port 1
     * per curve (°C by minute), port 2 at 30 °C.
     */
    static List<ChargerTelemetry> port1Readings(double fromMin, double toMin, DoubleUnaryOperator tempAtMin,
                                                double leakageMa) {
        List<ChargerTelemetry> out = new ArrayList<>();
        for (long ts = minutes(fromMin); ts < minutes(toMin); ts += TELEMETRY_MS) {
            double m = (ts - BEGINNING) / 60_000.0;
            out.add(telemetry(STATION, ts, false, leakageMa, r1(tempAtMin.applyAsDouble(m)), 30.0));
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

    static List<Alert> feed(DeviceHarness h, ChargerTelemetry t) throws Exception {
        return h.charger(t);
    }

    static List<Alert> feed(DeviceHarness h, ChargerEvent e) throws Exception {
        return h.chargerEvent(e);
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
