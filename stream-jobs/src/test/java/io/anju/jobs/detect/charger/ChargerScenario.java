package io.anju.jobs.detect.charger;

import io.anju.common.alert.AlertType;
import io.anju.common.model.LocationChain;
import io.anju.jobs.alert.AlertBook;
import io.anju.jobs.alert.OpenAlert;
import io.anju.jobs.detect.DetectorSettings;
import io.anju.jobs.detect.DeviceHarness;
import io.anju.jobs.input.ChargerLimits;
import io.anju.jobs.input.ChargerTelemetry;
import io.anju.jobs.input.PortReading;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;

import java.util.List;

/** Named times, readings and state names so the charger tests read as scenarios; event-time arithmetic lives here. */
final class ChargerScenario {
    static final String DEVICE = "CHG-LH-0042";
    static final LocationChain LOCATION = new LocationChain("sd-beiyuanmen", "cm-0007", "gr-0021", "cp-0113", null);
    static final long BEGINNING = 1_764_378_000_000L;
    static final double BATTERY_V = 48.0;

    /** The state of each part, by the names the trackers give it: a test that finds more left behind fails. */
    static final ValueStateDescriptor<Long> NEWEST_READING = new ValueStateDescriptor<>("chargerNewestTs", Long.class);
    static final MapStateDescriptor<Integer, PortOverloadRun> PORT_OVERLOAD_RUNS =
            new MapStateDescriptor<>("portOverloadRuns", Integer.class, PortOverloadRun.class);
    static final MapStateDescriptor<String, OpenAlert> PORT_OVERLOAD_ALERTS = AlertBook.descriptor("portOverloadAlerts");
    static final MapStateDescriptor<Integer, IllegalLoadRun> ILLEGAL_LOAD_RUNS =
            new MapStateDescriptor<>("illegalLoadRuns", Integer.class, IllegalLoadRun.class);
    static final MapStateDescriptor<String, OpenAlert> ILLEGAL_LOAD_ALERTS = AlertBook.descriptor("illegalLoadAlerts");

    private ChargerScenario() {
    }

    /** The per-device detectors with default settings, returning only the alerts of {@code observed}. */
    static DeviceHarness detectors(AlertType observed) throws Exception {
        return DeviceHarness.open(DetectorSettings.defaults(), observed);
    }

    static DetectorSettings withStationOverload(StationOverloadSettings value) {
        DetectorSettings d = DetectorSettings.defaults();
        return new DetectorSettings(d.portOverload(), value, d.illegalLoad(), d.fireRisk(), d.elevator(), d.crowd(),
                d.offline(), d.gate(), d.stopConfirm(), d.stopCap());
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
}
